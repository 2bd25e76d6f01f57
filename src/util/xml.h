/*
 * xml.h - the expat set-up that kesu's small XML readers share (an XForm,
 * an XML attachment): untrusted UTF-8 parsed in one piece, a DOCTYPE
 * refused by the reader's own handler (so no entity is ever declared or
 * expanded), and a failure located as "NAME:LINE: message".
 */
#ifndef KESU_XML_H
#define KESU_XML_H

#include <stddef.h>

#include <expat.h>

#include "util/err.h"

/*
 * A parser for UTF-8 with the start, end and text handlers, ud their
 * user data, and doctype called on a DOCTYPE (it stops the parse with
 * the reader's message).  Never NULL: no memory is xalloc_die().  The
 * caller frees it (XML_ParserFree()).
 */
XML_Parser xml_parser_new(void *ud, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler text,
    XML_StartDoctypeDeclHandler doctype);

/*
 * Parse all len bytes of data with p.  *why is what a handler said when
 * it stopped p (an N_() message, NULL when none), read once the parse
 * returns.  Returns 0, else KESU_EDATA with *cause "name:LINE: why"
 * (translated), or expat's own message when no handler stopped it.
 */
int xml_parse_all(XML_Parser p, const char *name, const void *data,
    size_t len, const char *const *why, char **cause) KESU_WUR;

#endif
