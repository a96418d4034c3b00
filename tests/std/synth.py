"""synth.py - synthetic, format-valid test values for the standard detector library (rules/std).

Every value is generated from a seeded RNG and carries its checksum, so it passes the runtime's
validators (runtime/validate.c); none is a real credential or identifier. Used by gen_corpus.py and
to write the inline tests in rules/std/. SPDX-License-Identifier: MIT
"""
import base64, json, random, string, zlib

B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
URLSAFE = ALNUM + "-_"


def rs(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def luhn_digit(body):
    s = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return str((10 - s % 10) % 10)


def card(rng, prefix="4", n=16):
    body = prefix + rs(rng, string.digits, n - 1 - len(prefix))
    return body + luhn_digit(body)


def sin(rng):
    while True:
        body = rng.choice("1234567") + rs(rng, string.digits, 7)
        v = body + luhn_digit(body)
        return v


_VM = [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],
       [4,0,1,2,3,9,5,6,7,8],[5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],
       [8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]]
_VP = [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],
       [9,4,5,3,1,2,7,8,6,0],[4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]]
_VINV = [0,4,3,2,1,5,6,7,8,9]


def aadhaar(rng):
    body = rng.choice("23456789") + rs(rng, string.digits, 10)
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = _VM[c][_VP[(i + 1) % 8][int(ch)]]
    return body + str(_VINV[c])


def nhs(rng):
    while True:
        body = rs(rng, string.digits, 9)
        c = 11 - sum(int(d) * (10 - i) for i, d in enumerate(body)) % 11
        if c == 11:
            c = 0
        if c != 10:
            return body + str(c)


def _m11(ds, ws):
    r = sum(d * w for d, w in zip(ds, ws)) % 11
    return 0 if r < 2 else 11 - r


def cpf(rng):
    d = [int(x) for x in rs(rng, string.digits, 9)]
    d.append(_m11(d, range(10, 1, -1)))
    d.append(_m11(d, range(11, 1, -1)))
    return "".join(map(str, d))


def cnpj(rng):
    d = [int(x) for x in rs(rng, string.digits, 8)] + [0, 0, 0, 1]
    d.append(_m11(d, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]))
    d.append(_m11(d, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]))
    return "".join(map(str, d))


def bsn(rng):
    while True:
        d = [int(x) for x in rs(rng, string.digits, 8)]
        s = sum(x * (9 - i) for i, x in enumerate(d))
        c = s % 11
        if c < 10 and s > 0:
            return "".join(map(str, d)) + str(c)


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni(rng):
    n = rs(rng, string.digits, 8)
    return n + DNI_LETTERS[int(n) % 23]


def nie(rng):
    p = rng.choice("XYZ")
    n = rs(rng, string.digits, 7)
    return p + n + DNI_LETTERS[int(str("XYZ".index(p)) + n) % 23]


def de_taxid(rng):
    while True:
        digs = rng.sample(range(10), 9)
        if digs[0] == 0:
            continue
        d = digs + [digs[rng.randrange(1, 9)]]
        rng.shuffle(d[1:])
        prod = 10
        for x in d:
            s = (x + prod) % 10 or 10
            prod = (s * 2) % 11
        c = 11 - prod
        if c == 10:
            c = 0
        return "".join(map(str, d)) + str(c)


_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]


def it_cf_check(s15):
    t = 0
    for i, ch in enumerate(s15):
        v = int(ch) if ch.isdigit() else ord(ch) - 65
        t += _ODD[v] if i % 2 == 0 else v
    return chr(65 + t % 26)


def it_cf(rng):
    cons = "BCDFGHLMNPRSTVZ"
    s = rs(rng, cons, 6) + "%02d" % rng.randrange(40, 99) + rng.choice("ABCDEHLMPRST") + \
        "%02d" % rng.randrange(1, 28) + rng.choice("ABCDEFGHLM") + "%03d" % rng.randrange(1, 999)
    return s + it_cf_check(s)


def fr_nir(rng):
    n = rng.choice("12") + "%02d" % rng.randrange(40, 99) + "%02d" % rng.randrange(1, 13) + \
        "%02d" % rng.randrange(1, 96) + "%03d" % rng.randrange(1, 999) + "%03d" % rng.randrange(1, 999)
    return n + "%02d" % (97 - int(n) % 97)


def aba(rng):
    while True:
        pre = "%02d" % rng.choice([1, 2, 3, 5, 7, 9, 11, 12, 21, 22, 26, 31, 61, 63, 67, 71])
        body = pre + rs(rng, string.digits, 6)
        for c in range(10):
            d = [int(x) for x in body + str(c)]
            if (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0:
                return body + str(c)


def tfn(rng):
    w = [1, 4, 3, 7, 5, 8, 6, 9, 10]
    while True:
        d = [int(x) for x in rs(rng, string.digits, 8)]
        for c in range(10):
            if sum(a * b for a, b in zip(d + [c], w)) % 11 == 0:
                return "".join(map(str, d)) + str(c)


def pesel(rng):
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    d = "%02d%02d%02d" % (rng.randrange(50, 99), rng.randrange(1, 13), rng.randrange(1, 29)) + rs(rng, string.digits, 4)
    s = sum(int(a) * b for a, b in zip(d, w))
    return d + str((10 - s % 10) % 10)


def cn_id(rng):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    d = "110105" + "19%02d%02d%02d" % (rng.randrange(50, 99), rng.randrange(1, 13), rng.randrange(1, 29)) + rs(rng, string.digits, 3)
    return d + "10X98765432"[sum(int(a) * b for a, b in zip(d, w)) % 11]


def b62(n, width=6):
    out = ""
    while n:
        out = B62[n % 62] + out
        n //= 62
    return out.rjust(width, "0")


def gh_token(rng, prefix="ghp_"):
    body = rs(rng, ALNUM, 30)
    return prefix + body + b62(zlib.crc32(body.encode()))


def iban(rng, cc="DE", bban_len=18):
    bban = rs(rng, string.digits, bban_len)
    num = "".join(str(int(c, 36)) for c in bban + cc + "00")
    return cc + "%02d" % (98 - int(num) % 97) + bban


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwt(rng):
    h = b64u(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    p = b64u(json.dumps({"sub": "synthetic-%d" % rng.randrange(10**6), "iat": 1700000000 + rng.randrange(10**6)},
                        separators=(",", ":")).encode())
    return h + "." + p + "." + rs(rng, URLSAFE, 43)


if __name__ == "__main__":
    import sys
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    f = globals()[sys.argv[1]]
    for _ in range(int(sys.argv[3]) if len(sys.argv) > 3 else 1):
        print(f(rng))
