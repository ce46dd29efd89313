/* props.c - a document's properties for the PDF and DOCX backends. */
#include "props.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "derive.h"
#include "version.h"

void vb_props_of(vb_props *p, const vb_doc *doc, vb_arena *a, size_t max_image_pixels)
{
    *p = (vb_props){0};
    p->title = vb_inline_plain(a, &doc->summary, " ", NULL);
    p->author = vb_inline_plain(a, &doc->agency, " ", NULL);
    p->subject = doc->type && doc->type->name ? doc->type->name : "CÔNG VĂN";
    if (vb_number_blank(doc->number)) /* to be written by hand: the notation alone */
        p->keywords = doc->notation ? doc->notation : "";
    else
        p->keywords = vb_arena_printf(a, "%s/%s", vb_pad_number(a, doc->number), doc->notation ? doc->notation : "");
    p->creator = "vanban " VB_VERSION;
    p->producer = "vanban " VB_VERSION " with libharu";
    p->max_image_pixels = max_image_pixels;
    p->year = doc->year;
    p->month = doc->month;
    p->day = doc->day;
    if (vb_date_blank(p->month, p->day)) /* only the year is known: its first day */
        p->month = p->day = 1;
    p->tz_minutes = 7 * 60;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long t = strtoll(sde, &end, 10);
        if (!errno && !*end && t >= 0) {
            time_t tt = (time_t)(t + 7 * 3600);
            struct tm tm;
            gmtime_r(&tt, &tm);
            p->year = tm.tm_year + 1900;
            p->month = tm.tm_mon + 1;
            p->day = tm.tm_mday;
            p->hour = tm.tm_hour;
            p->minute = tm.tm_min;
            p->second = tm.tm_sec;
        }
    }
}
