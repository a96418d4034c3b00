#!/usr/bin/env python3
"""gen_corpus.py - the labelled quality corpus of the standard library (tests/std/corpus.*).

Writes tests/std/corpus.txt (documents separated by a blank line: chat prompts, logs, configs, code
and diffs) and tests/std/corpus.truth (one "class<TAB>start<TAB>end" line per sensitive span, byte
offsets into corpus.txt). Each document embeds 1-3 synthetic positives (values.py) in a template of
its kind, next to look-alikes that must not be findings: UUIDs, git SHAs, SHA-256 hashes, base64
blobs, versions, timestamps, numbers failing their checksum, placeholders and templates.
Where one snippet is legitimately two classes (the host of a URL is an IP address, a metadata
endpoint is also an IPv4 address), both spans are in the truth (ALSO below).
Deterministic: the same seed writes the same bytes. tests/golden/std_quality.sh scores it.
Usage: tests/std/gen_corpus.py [OUTDIR] [NDOCS]   SPDX-License-Identifier: MIT
"""
import os, random, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synth, values
from synth import rs, HEX, ALNUM, B62

GENERIC = {"generic_api_key_assignment", "generic_secret_hex", "url_token_parameter"}


def classes_in_rules(root):
    names = []
    for dp, _, fs in os.walk(os.path.join(root, "rules", "std")):
        for f in sorted(fs):
            if f.endswith(".sluice") and f != "example.sluice":
                for line in open(os.path.join(dp, f), encoding="utf-8"):
                    if line.startswith("class "):
                        names.append(line.split()[1])
    return sorted(set(names) - GENERIC)


def uuid(r):
    return "%s-%s-4%s-%s%s-%s" % (rs(r, HEX, 8), rs(r, HEX, 4), rs(r, HEX, 3), r.choice("89ab"), rs(r, HEX, 3), rs(r, HEX, 12))


def bad_digit(v):
    """the same number with its last digit changed: fails its checksum"""
    i = max(k for k, c in enumerate(v) if c.isdigit())
    return v[:i] + str((int(v[i]) + 1 + (int(v[i]) == 8)) % 10) + v[i + 1:]


def decoys(r):
    """look-alikes that no default-on class may report"""
    return r.choice([
        lambda: "commit " + rs(r, HEX, 40),
        lambda: "request_id=" + uuid(r),
        lambda: "sha256:" + rs(r, HEX, 64),
        lambda: "blob " + synth.b64u(bytes(r.randrange(256) for _ in range(48))).replace("-", "+").replace("_", "/"),
        lambda: "version %d.%d.%d" % (r.randrange(10), r.randrange(40), r.randrange(100)),
        lambda: "at 2026-%02d-%02dT%02d:%02d:%02dZ" % (r.randrange(1, 13), r.randrange(1, 29), r.randrange(24), r.randrange(60), r.randrange(60)),
        lambda: "order ORD-%08d" % r.randrange(10 ** 8),
        lambda: "card " + " ".join((lambda c: [c[i:i + 4] for i in range(0, 16, 4)])(bad_digit(synth.card(r)))),
        lambda: "IBAN " + bad_digit(synth.iban(r)),
        lambda: "ssn 000-%02d-%04d" % (r.randrange(1, 100), r.randrange(1, 10000)),
        lambda: "ssn 666-%02d-%04d" % (r.randrange(1, 100), r.randrange(1, 10000)),
        lambda: "aadhaar-like " + (lambda v: v[:4] + " " + v[4:8] + " " + v[8:])(bad_digit(synth.aadhaar(r))),
        lambda: "CPF " + (lambda v: "%s.%s.%s-%s" % (v[:3], v[3:6], v[6:9], v[9:]))(bad_digit(synth.cpf(r))),
        lambda: "password: ${DB_PASSWORD}",
        lambda: "api_key: <your-api-key>",
        lambda: "token: {{ .Values.token }}",
        lambda: "GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}",
        lambda: "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
        lambda: "password = changeme",
        lambda: "client_secret: xxxxxxxxxxxxxxxxxxxx",
        lambda: "ghp_" + rs(r, ALNUM, 36),  # random body: its CRC32 tail fails (1 in 62^6 passes)
        lambda: "stripe test key sk_test_" + "FAKE" * 6 + "1234",
        lambda: "token glpat-" + "0123456789abcdefghij",
        lambda: "export OPENAI_API_KEY=sk-proj-...",
        lambda: "localhost:8080 and 127.0.0.1",
        lambda: "color #%s, size 1024x768" % rs(r, HEX, 6),
        lambda: "pid %d, port %d, took %d ms" % (r.randrange(99999), r.randrange(1024, 65535), r.randrange(5000)),
        lambda: "see docs at https://docs.example.com/v2/auth",
        lambda: "user jane.doe mentioned the corp wiki",
    ])()


def frame(kind, r, parts):
    """parts: list of (text, is_secret_snippet). Returns the document with placeholders filled."""
    lines = []
    for t in parts:
        if kind == "chat":
            lines.append(r.choice(["Can you check why this fails: %s ?", "Here is what I have: %s - thanks!", "I pasted %s by mistake", "context: %s"]) % t)
        elif kind == "log":
            lines.append("2026-11-27T00:%02d:%02d.%03dZ %s %s" % (r.randrange(60), r.randrange(60), r.randrange(1000), r.choice(["INFO ", "WARN ", "DEBUG"]), t))
        elif kind == "config":
            lines.append(r.choice(["  %s", "%s", "# note: %s"]) % t)
        elif kind == "code":
            lines.append(r.choice(["    cfg = load(%r)", "    # %s", "    log.info(\"%s\")"]) % t)
        else:
            lines.append(r.choice(["+    %s", "-    %s", "     %s"]) % t)
    head = {"chat": "user: hello, quick question about our deploy.", "log": "2026-11-27T00:00:00.000Z INFO  service started",
            "config": "# settings.yaml", "code": "def connect():", "diff": "diff --git a/app/config.py b/app/config.py\n@@ -1,4 +1,5 @@"}[kind]
    return head + "\n" + "\n".join(lines)


def also(cls, text, value):
    """extra truth spans inside a snippet: (class, substring)"""
    out = []
    for ip in re.findall(r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b", text):
        if not ip.startswith(("127.", "0.")):
            out.append(("ipv4", ip))
            if ip.startswith(("10.", "192.168.")) or re.match(r"172\.(1[6-9]|2\d|3[01])\.", ip):
                out.append(("private_ipv4", ip))
    out = [(c, s) for c, s in out if c != cls]
    for h in ("metadata.google.internal", "metadata.azure.internal"):
        if h in text:
            out.append(("internal_hostname", h))
    if "fd00:ec2::254" in text:
        out.append(("private_ipv6", "fd00:ec2::254"))
    if cls in ("cloud_metadata_endpoint",):
        out.append((cls, next(x for x in ("169.254.169.254", "100.100.100.200", "metadata.google.internal", "fd00:ec2::254") if x in text)))
    # one snippet, two honest classes: a session token is a session token, PayPal's client secret a client secret
    k = text[:text.index(value)].lower() if value in text else ""
    if cls == "phone_us" and value.startswith("+1"):
        out.append(("phone_e164", value))
    if cls == "aws_session_token":
        out.append(("private_token_assignment", value))
    if cls == "paypal_client_secret" and "client_secret" in k:
        out.append(("client_secret_assignment", value))
    if cls == "aws_secret_access_key" and "secret_key" in k:
        out.append(("api_secret_assignment", value))
    m = re.search(r"://[^:@/]*:([^@/]+@[A-Za-z0-9.\-]+)", text)
    if m and cls in ("database_url_password", "broker_url_password", "url_basic_auth") and re.search(r"@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$", m.group(1)):
        out.append(("email", m.group(1)))
    return out


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "tests", "std")
    ndocs = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    names = classes_in_rules(root)
    r = random.Random(1127)
    reps = 10  # every class appears at least this often
    queue = [n for n in names for _ in range(reps)]
    r.shuffle(queue)
    doc_bytes, truth, pos = [], [], 0
    kinds = ["chat", "log", "config", "code", "diff"]
    d = 0
    while queue or d < ndocs:
        kind = kinds[d % 5]
        d += 1
        picks = [queue.pop() for _ in range(min(len(queue), r.randrange(1, 4)))]
        snippets = [(c,) + values.GENS[c](r) for c in picks]
        if kind == "code":  # repr() would escape PEM newlines; keep multi-line values out of code
            snippets = [s for s in snippets if "\n" not in s[1]]
        parts = [s[1] for s in snippets] + [decoys(r) for _ in range(r.randrange(1, 4))]
        order = list(range(len(parts)))
        r.shuffle(order)
        text = frame(kind, r, [parts[i] for i in order])
        for c, t, v in snippets:
            if kind == "code":
                t2 = repr(t)[1:-1]
                t = t2 if t2 == t else t
            i = text.index(t)
            B = lambda k: len(text[:k].encode())  # byte offsets: values may hold UTF-8
            j = t.index(v)
            whole = c in ("cloud_metadata_endpoint",)
            if not whole:
                truth.append((c, pos + B(i + j), pos + B(i + j + len(v))))
            for c2, sub in also(c, t, v):
                k = t.index(sub)
                truth.append((c2, pos + B(i + k), pos + B(i + k + len(sub))))
        b = (text + "\n\n").encode()
        doc_bytes.append(b)
        pos += len(b)
    with open(os.path.join(outdir, "corpus.txt"), "wb") as f:
        f.write(b"".join(doc_bytes))
    with open(os.path.join(outdir, "corpus.truth"), "w") as f:
        f.write("# generated by tests/std/gen_corpus.py - do not edit; class<TAB>start<TAB>end (byte offsets in corpus.txt)\n")
        for c, s, e in sorted(set(truth), key=lambda x: (x[1], x[0])):
            f.write("%s\t%d\t%d\n" % (c, s, e))
    print("corpus: %d documents, %d bytes, %d labelled spans, %d classes" % (d, pos, len(set(truth)), len(names)))


main()
