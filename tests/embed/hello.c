/* hello.c - the smallest program built against an installed vanban
 * (`cc hello.c $(pkg-config --cflags --libs vanban)`): renders one document
 * to PDF. tests/embed/test_install.py builds and runs it; docs/embedding.md
 * shows it.
 *
 * usage: hello INPUT.xml OUTPUT.pdf */
#include <stdio.h>
#include <stdlib.h>

#include <vanban.h>

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len == cap) {
            char *p = realloc(data, cap = cap ? 2 * cap : 65536);
            if (!p)
                break;
            data = p;
        }
        size_t n = fread(data + *len, 1, cap - *len, f);
        if (n == 0)
            break;
        *len += n;
    }
    fclose(f);
    return data;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: hello INPUT.xml OUTPUT.pdf\n");
        return 2;
    }
    size_t len;
    char *xml = read_file(argv[1], &len);
    if (!xml) {
        perror(argv[1]);
        return 1;
    }
    printf("vanban %s\n", vb_version(NULL, NULL, NULL));

    vb_diag *diag;
    if (vb_diag_create(&diag))
        return 1;
    vb_engine_opts opts;
    vb_engine_opts_init(&opts);
    vb_engine *engine = NULL;
    vb_buf pdf = VB_BUF_INIT;
    vb_err err = vb_engine_new(&engine, &opts, diag);
    if (!err) {
        printf("data %s\n", vb_engine_data_dir(engine));
        err = vb_render(engine, xml, len, argv[1], VB_FORMAT_PDF, &pdf, diag);
    }
    for (size_t i = 0; i < vb_diag_count(diag); i++) {
        char line[1024];
        vb_diag_text(diag, i, line, sizeof line);
        if (vb_diag_severity(diag, i) != VB_NOTE)
            fprintf(stderr, "%s\n", line);
    }
    if (!err) {
        FILE *f = fopen(argv[2], "wb");
        if (!f || fwrite(pdf.data, 1, pdf.len, f) != pdf.len || fclose(f)) {
            perror(argv[2]);
            err = VB_ERR_IO;
        } else {
            printf("wrote %s (%zu bytes)\n", argv[2], pdf.len);
        }
    } else {
        fprintf(stderr, "hello: %s\n", vb_strerror(err));
    }
    vb_buf_free(&pdf);
    vb_engine_free(engine);
    vb_diag_destroy(diag);
    free(xml);
    return err ? 1 : 0;
}
