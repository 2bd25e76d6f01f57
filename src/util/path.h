/*
 * path.h - where an installed kesu finds its files.
 *
 * An installed kesu is PREFIX/bin/kesu; its catalogues are in
 * PREFIX/share/locale and its bundled forms in PREFIX/share/kesu.  Found
 * from the running binary rather than baked in, so the same binary works
 * from a staging tree (make install DESTDIR=...) and after a move; a
 * binary in the build tree has no share/ beside it and keeps the paths
 * the build gave it.
 */
#ifndef KESU_PATH_H
#define KESU_PATH_H

/* The folder of the running binary (from /proc/self/exe), or NULL when
 * unknown; caller frees. */
char *path_exe_dir(void);
/* "EXE_DIR/../share/REL" when it exists and can be read, else NULL;
 * caller frees. */
char *path_share(const char *rel);

#endif
