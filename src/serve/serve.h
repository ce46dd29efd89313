/* serve.h - `vanban serve DIR [--port N]`: a local web page that lists the
 * drafts (*.xml) of DIR and shows the pages of the one picked, drawn again
 * at every save (server-sent events tell the page). Served with
 * libmicrohttpd on 127.0.0.1 only, behind a random token in the printed
 * address; see docs/preview.md for what is refused and why. */
#ifndef VB_SERVE_H
#define VB_SERVE_H

/* The command; argv[0] is "serve". Returns the exit status. */
int vb_serve_main(int argc, char **argv);

#endif
