/*
 * view.h — records to JSON, for the API (ISO dates, cents) and for pages
 * (dates and amounts formatted for the reader's language).
 */
#ifndef OPENBAV_VIEW_H
#define OPENBAV_VIEW_H

#include <jansson.h>
#include <stdbool.h>

#include "app/employees.h"
#include "app/employers.h"
#include "base/arena.h"
#include "base/lang.h"

enum view_mode { VIEW_API, VIEW_PAGE };

json_t *view_employee(const struct employee *e, enum view_mode mode, enum lang lang);
/* The employee list (the hot path of the HR start page) as text cells for a
 * bound template table: VIEW_EMPLOYEE_NCOLS cells named view_employee_cols,
 * copied into the arena. */
enum { VIEW_EMPLOYEE_NCOLS = 8 };
extern const char *const view_employee_cols[VIEW_EMPLOYEE_NCOLS];
void view_employee_cells(const struct employee *e, enum lang lang, struct arena *a, const char **cells);
json_t *view_employer(const struct employer *e, enum view_mode mode);
json_t *view_date(day_t d, bool present, enum view_mode mode, enum lang lang);
/* 123456 → "1.234,56 €" (de) / "€1,234.56" (en) */
void    view_money(int64_t cents, enum lang lang, char *out, size_t outsz);

#endif
