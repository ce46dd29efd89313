#include "serve.h"
#include <stdio.h>
int vb_serve_main(int argc, char **argv)
{
    (void)argc; (void)argv;
    return 5;
}
