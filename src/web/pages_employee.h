/*
 * pages_employee.h — what the employee pages lend other pages: an employee
 * field's stored text (ISO dates, "4100.00", codes) as the reader expects it,
 * and the catalogue key of its label.  The import page shows its report's
 * employee fields with them, so both pages always agree.
 */
#ifndef OPENBAV_PAGES_EMPLOYEE_H
#define OPENBAV_PAGES_EMPLOYEE_H

#include "web/web.h"

/* NULL for an empty value; the text lives in the request's arena. */
const char *employee_field_display(struct req *r, const char *field, const char *v);
const char *employee_field_label_key(struct req *r, const char *field);

#endif
