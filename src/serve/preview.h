/* preview.h - `vanban preview INPUT.xml -o DIR [--dpi N] [--watch]`: every
 * page of a document as a PNG picture in DIR (INPUT's name, then -1.png,
 * -2.png …), drawn by the PNG writer (pngw.h); with --watch, drawn again
 * at every save of the input or of an image it shows. */
#ifndef VB_PREVIEW_H
#define VB_PREVIEW_H

/* The command; argv[0] is "preview". Returns the exit status. */
int vb_preview_main(int argc, char **argv);

#endif
