/*
 * app.h — what every use case returns: a result code and, on failure, the
 * field at fault and a message key of the catalogue.  The web layer turns the
 * code into an HTTP status in exactly one place (web/respond.c).
 */
#ifndef OPENBAV_APP_H
#define OPENBAV_APP_H

enum app_rc {
	APP_OK,
	APP_INVALID,   /* malformed value: 400 */
	APP_NOT_FOUND, /* absent or another tenant's: 404 */
	APP_CONFLICT,  /* duplicate: 409 */
	APP_RULE,      /* well-formed but violates a rule: 422 */
	APP_ERROR,     /* database failure: 500 */
};

struct app_err {
	enum app_rc rc;
	const char *field; /* input field at fault, or NULL */
	const char *key;   /* catalogue key of the message */
};

#endif
