#!/usr/bin/env python3
# Regenerates lunar_years_utc7.txt / lunar_years_utc8.txt, the independent
# reference the lunar tests compare against. It applies the same calendar
# rules as lunar.cc but takes new moons, the winter solstice and the Sun's
# longitude from PyEphem (VSOP87 / ELP 2000-82, Debian package python3-ephem)
# instead of Meeus's series, so it checks the C++ astronomy, not just its
# bookkeeping. Run: python3 make_reference.py 7 > lunar_years_utc7.txt
# Output: one line per lunar year 1900–2199: year, Tết (day 1 of month 1),
# leap month (0: none), month lengths in order (S = 29 days, L = 30).
import ephem, math, sys, datetime
off = float(sys.argv[1])
EPOCH = datetime.date(1970,1,1)
def local_day(d):  # ephem.Date (UT) -> local day number
    return math.floor(float(d) + off/24.0 - (ephem.Date('1970/1/1')))
def midnight(day):  # local day number -> ephem.Date UT
    return ephem.Date(ephem.Date('1970/1/1') + day - off/24.0)
sun = ephem.Sun()
def lon(d):
    sun.compute(d)
    eq = ephem.Equatorial(sun.g_ra, sun.g_dec, epoch=d)
    return math.degrees(float(ephem.Ecliptic(eq, epoch=d).lon)) % 360
def sector(day): return int(lon(midnight(day)) // 30)
# all new moons
nms = []
d = ephem.Date('1899/10/1')
while d < ephem.Date('2201/3/1'):
    d = ephem.next_new_moon(d); nms.append(local_day(d)); d = ephem.Date(d + 1)
def month11(y):
    s = ephem.next_solstice(ephem.Date('%d/12/1' % y))
    sd = local_day(s)
    return max(i for i, n in enumerate(nms) if n <= sd)
out = []
ka = month11(1899)
for y in range(1900, 2201):
    kb = month11(y); n = kb - ka
    leap = -1
    if n == 13:
        for i in range(1, 13):
            if sector(nms[ka+i]) == sector(nms[ka+i+1]): leap = i; break
    num, yr = 10, y - 1
    for i in range(n):
        L = i == leap
        if not L:
            num = num % 12 + 1
            if num == 1: yr = y
        out.append('%s %d %d%s %d' % ((EPOCH + datetime.timedelta(days=nms[ka+i])).isoformat(), yr, num, 'L' if L else '', nms[ka+i+1]-nms[ka+i]))
    ka = kb

rows = [l.split() for l in out]
years = {}
for first, y, m, n in rows:
    years.setdefault(int(y), []).append((first, m, n))
for y in range(1900, 2200):
    ms = years[y]
    tet = next(f for f, m, n in ms if m == '1')
    leap = next((m[:-1] for f, m, n in ms if m.endswith('L')), '0')
    print(y, tet, leap, ''.join('L' if n == '30' else 'S' for f, m, n in ms))
