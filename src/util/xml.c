/*
 * xml.c - the expat set-up kesu's XML readers share (xml.h).
 */
#include "util/i18n.h"
#include "util/xalloc.h"
#include "util/xml.h"

XML_Parser
xml_parser_new(void *ud, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler text,
    XML_StartDoctypeDeclHandler doctype)
{
	XML_Parser p;

	if ((p = XML_ParserCreate("UTF-8")) == NULL)
		xalloc_die();
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, text);
	XML_SetStartDoctypeDeclHandler(p, doctype);
	return p;
}

int
xml_parse_all(XML_Parser p, const char *name, const void *data,
    size_t len, const char *const *why, char **cause)
{
	if (XML_Parse(p, data, (int)len, XML_TRUE) == XML_STATUS_OK &&
	    *why == NULL)
		return 0;
	if (*why != NULL)
		return kesu_fail(cause, KESU_EDATA, _("%s:%lu: %s"), name,
		    (unsigned long)XML_GetCurrentLineNumber(p), _(*why));
	return kesu_fail(cause, KESU_EDATA, _("%s:%lu: %s"), name,
	    (unsigned long)XML_GetCurrentLineNumber(p),
	    XML_ErrorString(XML_GetErrorCode(p)));
}
