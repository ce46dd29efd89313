// test_embed.cpp - vanban as an embedder sees it: a C++ program that
// includes only <vanban.h> and links only the shared libvanban.so.
//
// It makes a data directory of its own whose layouts/ holds 20 profiles
// made from layouts/nd30.xml (each with its own left margin), renders a
// document naming each of them, and checks that every output used its
// layout (the body's left edge in the JSON page model is that margin), that
// the PDFs are PDFs, that a second engine rendering the same 20 from four
// threads at once gives the same bytes, and that the errors an embedder
// meets (a layout that is not there, a broken layout file, a broken
// document, NULL arguments) come back as a vb_err with a message and place.
//
// usage: test_embed SOURCE_DIR WORK_DIR
#include <vanban.h>

#include <sys/stat.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

static int failures = 0;
static int checks = 0;

#define CHECK(cond, ...)                                                                                               \
    do {                                                                                                               \
        checks++;                                                                                                      \
        if (!(cond)) {                                                                                                 \
            failures++;                                                                                                \
            std::fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);                             \
            std::fprintf(stderr, __VA_ARGS__);                                                                         \
            std::fprintf(stderr, "\n");                                                                                \
        }                                                                                                              \
    } while (0)

static const int N_LAYOUTS = 20;

static std::string slurp(const std::string &path)
{
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        std::fprintf(stderr, "test_embed: cannot read %s\n", path.c_str());
        std::exit(2);
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

static void spit(const std::string &path, const std::string &text)
{
    std::ofstream f(path, std::ios::binary);
    f << text;
    if (!f) {
        std::fprintf(stderr, "test_embed: cannot write %s\n", path.c_str());
        std::exit(2);
    }
}

static std::string replace_once(std::string s, const std::string &from, const std::string &to)
{
    size_t at = s.find(from);
    if (at == std::string::npos) {
        std::fprintf(stderr, "test_embed: '%s' not found in the template\n", from.c_str());
        std::exit(2);
    }
    return s.replace(at, from.size(), to);
}

static std::string layout_name(int k)
{
    char b[32];
    std::snprintf(b, sizeof b, "thu-%02d", k + 1);
    return b;
}

// Layout k's left margin: 30 mm to 34.75 mm, all inside the decree's range.
static double margin_mm(int k)
{
    return 30.0 + 0.25 * k;
}

static std::string document_naming(const std::string &tmpl, const std::string &layout)
{
    return replace_once(tmpl, "<van_ban loai=\"cong_van\" phien_ban=\"1\">",
                        "<van_ban loai=\"cong_van\" phien_ban=\"1\" bo_cuc=\"" + layout + "\">");
}

// The smallest x of a body paragraph's line in the JSON page model: the
// left margin (lines after a paragraph's first are not indented).
static double body_left(const std::string &json)
{
    double best = 1e9;
    size_t at = 0;
    const std::string key = "\"role\":\"doan\"";
    while ((at = json.find(key, at)) != std::string::npos) {
        size_t x = json.find("\"x\":", at);
        size_t eol = json.find('\n', at);
        if (x != std::string::npos && x < eol)
            best = std::min(best, std::atof(json.c_str() + x + 4));
        at += key.size();
    }
    return best;
}

struct collected {
    size_t n = 0, errors = 0;
};

static void on_diag(void *user, vb_severity sev, const char *, unsigned, unsigned, const char *message)
{
    collected *c = static_cast<collected *>(user);
    c->n++;
    if (sev == VB_ERROR)
        c->errors++;
    CHECK(message && *message, "a diagnostic without words");
}

// Renders doc to fmt with its own diag; returns the error, output in out.
static vb_err render(vb_engine *e, const std::string &doc, const std::string &name, vb_format fmt, std::string &out,
                     std::string *first_error = nullptr)
{
    if (first_error)
        first_error->clear();
    vb_diag *d = nullptr;
    if (vb_diag_create(&d) != VB_OK)
        return VB_ERR_NOMEM;
    vb_buf b = VB_BUF_INIT;
    vb_err err = vb_render(e, doc.data(), doc.size(), name.c_str(), fmt, &b, d);
    out.assign(err == VB_OK ? reinterpret_cast<const char *>(b.data) : "", err == VB_OK ? b.len : 0);
    if (err != VB_OK) {
        CHECK(vb_diag_errors(d) > 0, "%s failed (%s) without an error message", name.c_str(), vb_strerror(err));
        for (size_t i = 0; i < vb_diag_count(d); i++)
            if (vb_diag_severity(d, i) == VB_ERROR && first_error && first_error->empty()) { // the first error
                char line[2048];
                vb_diag_text(d, i, line, sizeof line);
                *first_error = line;
            }
    }
    vb_buf_free(&b);
    vb_diag_destroy(d);
    return err;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: test_embed SOURCE_DIR WORK_DIR\n");
        return 2;
    }
    const std::string src = argv[1], work = argv[2];

    // ---- the version: header and library agree -------------------------
    int major = -1, minor = -1, patch = -1;
    const char *v = vb_version(&major, &minor, &patch);
    char want[32];
    std::snprintf(want, sizeof want, "%d.%d.%d", VB_VERSION_MAJOR, VB_VERSION_MINOR, VB_VERSION_PATCH);
    CHECK(v && std::strcmp(v, want) == 0, "vb_version() is '%s', the header says %s", v ? v : "(null)", want);
    CHECK(major == VB_VERSION_MAJOR && minor == VB_VERSION_MINOR && patch == VB_VERSION_PATCH, "%d.%d.%d", major,
          minor, patch);
    CHECK(vb_version(nullptr, nullptr, nullptr) == v, "the same static string");
    for (int e = VB_OK; e <= VB_ERR_DATA; e++)
        CHECK(std::strcmp(vb_strerror(static_cast<vb_err>(e)), "unknown error") != 0, "vb_strerror(%d)", e);

    // ---- a data directory with 20 layouts made from nd30.xml -------------
    const std::string data = work + "/data";
    std::string cmd = "rm -rf '" + data + "' && mkdir -p '" + data + "/layouts' && ln -s '" + src + "/fonts' '" +
                      data + "/fonts' && ln -s '" + src + "/schema' '" + data + "/schema' && cp '" + src +
                      "/layouts/nd30.xml' '" + data + "/layouts/'";
    if (std::system(cmd.c_str()) != 0) {
        std::fprintf(stderr, "test_embed: cannot make %s\n", data.c_str());
        return 2;
    }
    const std::string nd30 = slurp(src + "/layouts/nd30.xml");
    for (int k = 0; k < N_LAYOUTS; k++) {
        std::string t = replace_once(nd30, "<layout name=\"nd30\"", "<layout name=\"" + layout_name(k) + "\"");
        char left[32];
        std::snprintf(left, sizeof left, "left=\"%.2fmm\"", margin_mm(k));
        t = replace_once(t, "left=\"30mm\"", left);
        spit(data + "/layouts/" + layout_name(k) + ".xml", t);
    }
    // a broken one: a length without its unit
    const std::string broken = replace_once(nd30, "left=\"30mm\"", "left=\"30\"");
    spit(data + "/layouts/hong.xml", broken);
    unsigned broken_line = 1;
    for (size_t i = 0; i < broken.find("<page "); i++)
        broken_line += broken[i] == '\n';

    const std::string tmpl = slurp(src + "/examples/cong-van.xml");
    const std::string name = src + "/examples/cong-van-embed.xml"; // images resolve as in examples/

    // ---- an engine on that directory -----------------------------------
    vb_diag *d = nullptr;
    CHECK(vb_diag_create(&d) == VB_OK && d, "vb_diag_create");
    collected seen;
    vb_diag_set_callback(d, on_diag, &seen);
    vb_engine_opts o;
    vb_engine_opts_init(&o);
    o.data_dir = data.c_str();
    vb_engine *e = nullptr;
    vb_err err = vb_engine_new(&e, &o, d);
    if (err != VB_OK) {
        vb_diag_print(d, stderr, 1);
        std::fprintf(stderr, "test_embed: vb_engine_new: %s\n", vb_strerror(err));
        return 1;
    }
    CHECK(std::string(vb_engine_data_dir(e)) == data, "data dir %s", vb_engine_data_dir(e));

    // ---- 20 documents, 20 layouts, one engine --------------------------
    std::vector<std::string> pdfs(N_LAYOUTS);
    for (int k = 0; k < N_LAYOUTS; k++) {
        const std::string doc = document_naming(tmpl, layout_name(k));
        std::string json, msg;
        err = render(e, doc, name, VB_FORMAT_JSON, json, &msg);
        CHECK(err == VB_OK, "layout %s: %s: %s", layout_name(k).c_str(), vb_strerror(err), msg.c_str());
        double want_pt = margin_mm(k) * 72.0 / 25.4;
        double got = body_left(json);
        CHECK(std::fabs(got - want_pt) < 0.02, "layout %s: the body starts at x=%.2f pt, its margin is %.2f pt",
              layout_name(k).c_str(), got, want_pt);
        err = render(e, doc, name, VB_FORMAT_PDF, pdfs[k], &msg);
        CHECK(err == VB_OK && pdfs[k].compare(0, 5, "%PDF-") == 0 && pdfs[k].find("%%EOF") != std::string::npos,
              "layout %s: PDF: %s %s", layout_name(k).c_str(), vb_strerror(err), msg.c_str());
        if (k > 0)
            CHECK(pdfs[k] != pdfs[k - 1], "layouts %d and %d gave the same PDF", k, k + 1);
    }
    std::printf("rendered %d documents naming %d layouts\n", 2 * N_LAYOUTS, N_LAYOUTS);

    // ---- errors, each with its message and place ------------------------
    std::string out, msg;
    err = render(e, document_naming(tmpl, "khong-co"), name, VB_FORMAT_PDF, out, &msg);
    CHECK(err == VB_ERR_INPUT && msg.find("khong-co.xml") != std::string::npos &&
              msg.find("cannot read the layout file") != std::string::npos,
          "a layout that is not there: %s: %s", vb_strerror(err), msg.c_str());

    {
        vb_diag *d2 = nullptr;
        vb_diag_create(&d2);
        const std::string doc = document_naming(tmpl, "hong");
        vb_buf b = VB_BUF_INIT;
        err = vb_render(e, doc.data(), doc.size(), name.c_str(), VB_FORMAT_PDF, &b, d2);
        CHECK(err == VB_ERR_INPUT, "a broken layout: %s", vb_strerror(err));
        bool found = false;
        for (size_t i = 0; i < vb_diag_count(d2); i++) {
            const char *f = vb_diag_file(d2, i);
            if (vb_diag_severity(d2, i) == VB_ERROR && f && std::strstr(f, "layouts/hong.xml") &&
                vb_diag_line(d2, i) == broken_line && vb_diag_col(d2, i) > 0 &&
                std::strstr(vb_diag_message(d2, i), "needs a unit"))
                found = true;
        }
        CHECK(found, "no error at hong.xml:%u saying the length needs a unit", broken_line);
        vb_buf_free(&b);
        vb_diag_destroy(d2);
    }

    const std::string bad = replace_once(tmpl, "</van_ban>", "<khong_biet/></van_ban>");
    err = render(e, bad, name, VB_FORMAT_PDF, out, &msg);
    CHECK(err == VB_ERR_INPUT && msg.find("cong-van-embed.xml:") != std::string::npos &&
              msg.find("khong_biet") != std::string::npos,
          "an unknown element: %s: %s", vb_strerror(err), msg.c_str());

    err = vb_render(e, tmpl.data(), tmpl.size(), name.c_str(), VB_FORMAT_UNKNOWN, nullptr, d);
    CHECK(err == VB_ERR_ARG, "no output buffer: %s", vb_strerror(err));
    err = vb_render(nullptr, tmpl.data(), tmpl.size(), name.c_str(), VB_FORMAT_PDF, nullptr, d);
    CHECK(err == VB_ERR_ARG, "no engine: %s", vb_strerror(err));
    const std::string doc4 = document_naming(tmpl, layout_name(3));
    err = vb_check(e, doc4.data(), doc4.size(), name.c_str(), d);
    CHECK(err == VB_OK, "vb_check: %s", vb_strerror(err));

    {
        // a data directory that is not there: the installation's fault
        vb_diag *d3 = nullptr;
        vb_diag_create(&d3);
        vb_engine_opts o3;
        vb_engine_opts_init(&o3);
        o3.data_dir = "/nonexistent/vanban";
        vb_engine *e3 = reinterpret_cast<vb_engine *>(&o3);
        err = vb_engine_new(&e3, &o3, d3);
        CHECK(err == VB_ERR_DATA && e3 == nullptr && vb_diag_errors(d3) > 0 && vb_diag_file(d3, 0) &&
                  std::strstr(vb_diag_file(d3, 0), "/nonexistent/vanban/"),
              "no data directory: %s, %s", vb_strerror(err), vb_diag_count(d3) ? vb_diag_message(d3, 0) : "");
        vb_diag_destroy(d3);
    }

    // every diagnostic of d also reached the callback
    CHECK(seen.n == vb_diag_count(d) && seen.errors == vb_diag_errors(d) && seen.errors >= 2,
          "callback saw %zu (%zu errors), the list has %zu (%zu errors)", seen.n, seen.errors, vb_diag_count(d),
          vb_diag_errors(d));
    vb_diag_clear(d);
    CHECK(vb_diag_count(d) == 0 && vb_diag_errors(d) == 0, "vb_diag_clear");
    CHECK(vb_diag_file(d, 0) == nullptr && vb_diag_line(d, 0) == 0 && *vb_diag_message(d, 0) == 0,
          "reading past the end");
    vb_engine_free(e);

    // ---- a second engine, the same 20 from four threads at once ---------
    e = nullptr;
    err = vb_engine_new(&e, &o, d);
    CHECK(err == VB_OK, "second engine: %s", vb_strerror(err));
    if (e) {
        std::vector<std::string> again(N_LAYOUTS);
        std::vector<std::thread> th;
        for (int t = 0; t < 4; t++)
            th.emplace_back([&, t] {
                for (int k = t; k < N_LAYOUTS; k += 4)
                    render(e, document_naming(tmpl, layout_name(k)), name, VB_FORMAT_PDF, again[k]);
            });
        for (auto &x : th)
            x.join();
        for (int k = 0; k < N_LAYOUTS; k++)
            CHECK(again[k] == pdfs[k], "layout %s: a different PDF from a thread", layout_name(k).c_str());
        vb_engine_free(e);
    }
    vb_diag_destroy(d);

    std::printf("%d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
