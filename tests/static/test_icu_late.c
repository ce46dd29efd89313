/* The program's static libxml2 with ICU opened on first use (src/cli/icu_late.c):
 * nothing loads libicuuc until libxml2 needs a converter iconv lacks (SCSU),
 * and then that converter works through ICU. Linked like the program. */
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

static int icu_mapped(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    while (f && fgets(line, sizeof line, f))
        found |= strstr(line, "libicuuc") != NULL;
    if (f)
        fclose(f);
    return found;
}

int main(void)
{
    xmlInitParser();
    /* A UTF-8 document parses without ICU. */
    xmlDocPtr doc = xmlReadMemory("<a>Đồng Tháp</a>", (int)strlen("<a>Đồng Tháp</a>"), "a.xml", "UTF-8", 0);
    CHECK(doc != NULL);
    xmlFreeDoc(doc);
    CHECK(!icu_mapped(), "libicuuc is mapped before any converter needs it");

    /* SCSU: glibc's iconv has no such converter, ICU does. */
    xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler("SCSU");
    CHECK(h != NULL, "libxml2 finds no SCSU converter: ICU was not reached");
    CHECK(icu_mapped(), "libicuuc is not mapped after an SCSU converter was made");
    if (h)
        xmlCharEncCloseFunc(h);
    /* A conversion through ICU: a whole SCSU document ("Tháp": ASCII and
     * U+00E1 are the same single bytes in SCSU as in Latin-1). */
    const char scsu[] = "<?xml version='1.0' encoding='SCSU'?><a>Th\xE1p</a>";
    doc = xmlReadMemory(scsu, (int)sizeof scsu - 1, "b.xml", NULL, XML_PARSE_NONET);
    CHECK(doc != NULL, "an SCSU document does not parse");
    if (doc) {
        xmlChar *text = xmlNodeGetContent(xmlDocGetRootElement(doc));
        CHECK_STR((const char *)text, "Tháp");
        xmlFree(text);
        xmlFreeDoc(doc);
    }
    xmlCleanupParser();
    return DONE();
}
