"""The official working-day calendar (public holidays, 调休) and working-day arithmetic.

Not to be confused with the standard library's `calendar`: this package is always imported as
`yuanqu.calendar`, so `import calendar` elsewhere still gets the standard library.
"""
