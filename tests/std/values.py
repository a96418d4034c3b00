"""values.py - one generator of synthetic positive examples per standard class (rules/std).

GENS[class](rng) returns (text, value): `text` is a minimal snippet the class must find and
`value` the sensitive part inside it (the token itself for self-identifying tokens; the value after
the keyword for keyword-anchored classes). The corpus generator (gen_corpus.py) embeds these in
chat prompts, logs, configs, code and diffs. Values are random, synthetic and, where the format has
one, carry a valid checksum (synth.py). SPDX-License-Identifier: MIT
"""
import string
import synth
from synth import rs, ALNUM, HEX, URLSAFE, B62

UP = string.ascii_uppercase
LOW = string.ascii_lowercase
DIG = string.digits
LOWNUM = LOW + DIG
UPNUM = UP + DIG
B64 = ALNUM + "+/"
GENS = {}


def tok(name, prefix, alpha, n, suffix=""):
    GENS[name] = lambda rng: (lambda v: (v, v))(prefix + rs(rng, alpha, n) + suffix)


def fn(name, f):
    """f(rng) -> value; text = value."""
    GENS[name] = lambda rng: (lambda v: (v, v))(f(rng))


def kv(name, keys, f, seps=(" = ", "=", ": ", ":"), quotes=('"', "'", "")):
    def g(rng):
        v = f(rng)
        q = rng.choice(quotes)
        return rng.choice(keys) + rng.choice(seps) + q + v + q, v
    GENS[name] = g


def pw(rng):
    """a password-like value: mixed classes, high enough entropy, never a placeholder."""
    return rs(rng, UP, 2) + rs(rng, LOW, 4) + rng.choice("-_.!@#%") + rs(rng, DIG, 3) + rs(rng, ALNUM, 6)


# ---- cloud ----
tok("aws_access_key_id", "AKIA", UP + "234567", 16)
kv("aws_secret_access_key", ["aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "aws_secret_key"], lambda r: rs(r, B64, 40))
kv("aws_session_token", ["aws_session_token", "AWS_SESSION_TOKEN"], lambda r: "IQoJb3JpZ2luX2Vj" + rs(r, B64, 200))
tok("aws_bedrock_api_key", "ABSKQmVkcm9ja0FQSUtleS", ALNUM, 100)
tok("gcp_api_key", "AIza", URLSAFE, 35)
kv("gcp_service_account_key_id", ['"private_key_id"'], lambda r: rs(r, HEX, 40), seps=(": ",), quotes=('"',))
tok("google_oauth_client_secret", "GOCSPX-", URLSAFE, 28)
tok("google_oauth_access_token", "ya29.a0", URLSAFE, 120)
tok("google_oauth_refresh_token", "1//0", URLSAFE, 96)
kv("azure_storage_account_key", ["AccountKey="], lambda r: rs(r, B64, 86) + "==", seps=("",), quotes=("",))
fn("azure_ad_client_secret", lambda r: rs(r, ALNUM, 3) + rs(r, DIG, 1) + "Q~" + rs(r, ALNUM + "_-", 34))
kv("azure_sas_signature", ["&sig=", "?sig="], lambda r: rs(r, ALNUM, 40) + "%2B" + rs(r, ALNUM, 6) + "%3D", seps=("",), quotes=("",))
tok("alibaba_access_key_id", "LTAI", ALNUM, 20)
fn("digitalocean_token", lambda r: r.choice(["dop_v1_", "doo_v1_", "dor_v1_"]) + rs(r, HEX, 64))
fn("hashicorp_vault_token", lambda r: r.choice(["hvs.", "hvb."]) + "CAESI" + rs(r, URLSAFE, 90))
fn("terraform_cloud_token", lambda r: rs(r, ALNUM, 14) + ".atlasv1." + rs(r, ALNUM, 67))
tok("databricks_token", "dapi", HEX, 32)
tok("doppler_token", "dp.pt.", ALNUM, 43)
tok("pulumi_token", "pul-", HEX, 40)
tok("heroku_api_key", "HRKU-AA", URLSAFE, 58)
fn("vercel_token", lambda r: r.choice(["vcp_", "vci_", "vca_"]) + rs(r, ALNUM, 56))
fn("cloudflare_api_token", lambda r: r.choice(["cfut_", "cfat_"]) + rs(r, ALNUM, 40) + rs(r, HEX, 8))
tok("supabase_token", "sbp_", HEX, 40)
tok("planetscale_token", "pscale_tkn_", URLSAFE, 43)
tok("flyio_token", "fo1_", URLSAFE, 43)

# ---- source control ----
for _n, _p in [("github_pat", "ghp_"), ("github_oauth_token", "gho_"), ("github_refresh_token", "ghr_")]:
    fn(_n, (lambda p: lambda r: synth.gh_token(r, p))(_p))
fn("github_app_token", lambda r: synth.gh_token(r, r.choice(["ghu_", "ghs_"])))
fn("github_fine_grained_pat", lambda r: "github_pat_11" + rs(r, UPNUM, 20) + "_" + rs(r, ALNUM, 59))
tok("gitlab_pat", "glpat-", URLSAFE, 20)
tok("gitlab_runner_token", "glrt-", URLSAFE, 20)
tok("gitlab_deploy_token", "gldt-", URLSAFE, 20)
tok("gitlab_trigger_token", "glptt-", HEX, 40)
fn("gitlab_other_token", lambda r: r.choice(["glcbt-", "glft-", "glimt-", "glagent-", "gloas-", "glsoat-"]) + rs(r, URLSAFE, 25))
tok("bitbucket_app_password", "ATBB", ALNUM, 32)
fn("atlassian_api_token", lambda r: "ATATT3xFfGF0" + rs(r, URLSAFE, 170) + "=" + rs(r, HEX.upper(), 8))

# ---- AI providers ----
fn("openai_api_key", lambda r: r.choice(["sk-proj-", "sk-svcacct-", "sk-admin-"]) + rs(r, URLSAFE, 74) + "T3BlbkFJ" + rs(r, URLSAFE, 74))
fn("openai_legacy_key", lambda r: "sk-" + rs(r, ALNUM, 20) + "T3BlbkFJ" + rs(r, ALNUM, 20))
fn("anthropic_api_key", lambda r: "sk-ant-api03-" + rs(r, URLSAFE, 93) + "AA")
fn("anthropic_admin_key", lambda r: "sk-ant-admin01-" + rs(r, URLSAFE, 93) + "AA")
tok("huggingface_token", "hf_", ALNUM, 34)
tok("huggingface_org_token", "api_org_", ALNUM, 34)
fn("groq_api_key", lambda r: "gsk_" + rs(r, ALNUM, 20) + "WGdyb3FY" + rs(r, ALNUM, 24))
tok("replicate_api_token", "r8_", ALNUM, 37)
tok("perplexity_api_key", "pplx-", ALNUM, 48)
tok("xai_api_key", "xai-", ALNUM, 80)
tok("openrouter_api_key", "sk-or-v1-", HEX, 64)
tok("nvidia_api_key", "nvapi-", URLSAFE, 64)
fn("langsmith_api_key", lambda r: r.choice(["lsv2_pt_", "lsv2_sk_"]) + rs(r, HEX, 32) + "_" + rs(r, HEX, 10))
fn("pinecone_api_key", lambda r: "pcsk_" + rs(r, ALNUM, 6) + "_" + rs(r, ALNUM, 63))
tok("elevenlabs_api_key", "sk_", HEX, 48)
tok("together_api_key", "tgp_v1_", URLSAFE, 43)
tok("fireworks_api_key", "fw_", ALNUM, 24)
kv("mistral_api_key", ["MISTRAL_API_KEY", "mistral_api_key", "mistral_key"], lambda r: rs(r, ALNUM, 32))
kv("cohere_api_key", ["COHERE_API_KEY", "CO_API_KEY", "cohere_api_key"], lambda r: rs(r, ALNUM, 40))
kv("deepseek_api_key", ["DEEPSEEK_API_KEY", "deepseek_api_key"], lambda r: "sk-" + rs(r, HEX, 32))
kv("azure_openai_key", ["AZURE_OPENAI_API_KEY", "azure_openai_key"], lambda r: rs(r, HEX, 32))

# ---- payments ----
fn("stripe_secret_key", lambda r: r.choice(["sk_live_", "sk_test_"]) + "51" + rs(r, ALNUM, 97))
fn("stripe_restricted_key", lambda r: r.choice(["rk_live_", "rk_test_"]) + "51" + rs(r, ALNUM, 97))
tok("stripe_webhook_secret", "whsec_", ALNUM, 32)
tok("square_access_token", "EAAA", URLSAFE, 60)
tok("square_oauth_secret", "sq0csp-", URLSAFE, 43)
fn("braintree_access_token", lambda r: "access_token$" + r.choice(["production", "sandbox"]) + "$" + rs(r, LOWNUM, 16) + "$" + rs(r, HEX, 32))
kv("paypal_client_secret", ["PAYPAL_CLIENT_SECRET", "paypal_secret"], lambda r: "E" + rs(r, URLSAFE, 79))
fn("shopify_token", lambda r: r.choice(["shpat_", "shpca_", "shppa_", "shpss_"]) + rs(r, HEX, 32))
fn("plaid_access_token", lambda r: "access-" + r.choice(["sandbox", "production"]) + "-" + "%s-%s-4%s-a%s-%s" % (rs(r, HEX, 8), rs(r, HEX, 4), rs(r, HEX, 3), rs(r, HEX, 3), rs(r, HEX, 12)))
fn("flutterwave_secret_key", lambda r: "FLWSECK_TEST-" + rs(r, HEX, 32) + "-X")
fn("razorpay_key_secret", lambda r: "rzp_live_" + rs(r, ALNUM, 14))

# ---- messaging ----
fn("slack_bot_token", lambda r: "xoxb-" + rs(r, DIG, 12) + "-" + rs(r, DIG, 13) + "-" + rs(r, ALNUM, 24))
fn("slack_user_token", lambda r: "xoxp-" + rs(r, DIG, 12) + "-" + rs(r, DIG, 12) + "-" + rs(r, DIG, 13) + "-" + rs(r, HEX, 32))
fn("slack_app_token", lambda r: "xapp-1-A" + rs(r, UPNUM, 10) + "-" + rs(r, DIG, 13) + "-" + rs(r, HEX, 64))
fn("slack_webhook_url", lambda r: "https://hooks.slack.com/services/T" + rs(r, UPNUM, 10) + "/B" + rs(r, UPNUM, 10) + "/" + rs(r, ALNUM, 24))
fn("discord_bot_token", lambda r: "MT" + rs(r, ALNUM, 24) + "." + rs(r, URLSAFE, 6) + "." + rs(r, URLSAFE, 38))
fn("discord_webhook_url", lambda r: "https://discord.com/api/webhooks/1" + rs(r, DIG, 18) + "/" + rs(r, URLSAFE, 68))
fn("telegram_bot_token", lambda r: r.choice("123456789") + rs(r, DIG, 9) + ":AA" + rs(r, URLSAFE, 33))
tok("twilio_api_key", "SK", HEX, 32)
fn("sendgrid_api_key", lambda r: "SG." + rs(r, URLSAFE, 22) + "." + rs(r, URLSAFE, 43))
tok("mailgun_api_key", "key-", HEX, 32)
fn("mailchimp_api_key", lambda r: rs(r, HEX, 32) + "-us" + str(r.randrange(1, 21)))
fn("brevo_api_key", lambda r: "xkeysib-" + rs(r, HEX, 64) + "-" + rs(r, ALNUM, 16))
fn("teams_webhook_url", lambda r: "https://contoso.webhook.office.com/webhookb2/%s-%s-4%s-8%s-%s@%s-%s-4%s-8%s-%s/IncomingWebhook/%s/%s-%s-4%s-8%s-%s" % tuple(
    [rs(r, HEX, 8), rs(r, HEX, 4), rs(r, HEX, 3), rs(r, HEX, 3), rs(r, HEX, 12)] * 2 + [rs(r, HEX, 32)] + [rs(r, HEX, 8), rs(r, HEX, 4), rs(r, HEX, 3), rs(r, HEX, 3), rs(r, HEX, 12)]))

# ---- registries ----
fn("npm_token", lambda r: synth.gh_token(r, "npm_"))
fn("pypi_token", lambda r: "pypi-AgEIcHlwaS5vcmc" + rs(r, URLSAFE, 150))
tok("rubygems_token", "rubygems_", HEX, 48)
fn("dockerhub_pat", lambda r: "dckr_pat_" + rs(r, URLSAFE, 27))
tok("artifactory_token", "AKCp", ALNUM, 69)
tok("clojars_token", "CLOJARS_", HEX, 60)
kv("nuget_api_key", ["NUGET_API_KEY", "nuget_apikey"], lambda r: "oy2" + rs(r, LOWNUM, 43))

# ---- observability and SaaS ----
tok("sentry_user_token", "sntryu_", HEX, 64)
fn("sentry_org_token", lambda r: "sntrys_eyJpYXQiOjE3" + rs(r, ALNUM, 120) + "_" + rs(r, ALNUM, 43))
fn("grafana_service_account_token", lambda r: "glsa_" + rs(r, ALNUM, 32) + "_" + rs(r, HEX, 8))
tok("grafana_cloud_token", "glc_eyJvIjoi", ALNUM, 100)
kv("datadog_api_key", ["DD_API_KEY", "datadog_api_key", "DATADOG_API_KEY"], lambda r: rs(r, HEX, 32))
tok("newrelic_user_key", "NRAK-", UPNUM, 27)
fn("newrelic_ingest_key", lambda r: "NRII-" + rs(r, URLSAFE, 32))
fn("postman_api_key", lambda r: "PMAK-" + rs(r, HEX, 24) + "-" + rs(r, HEX, 34))
tok("linear_api_key", "lin_api_", ALNUM, 40)
fn("notion_token", lambda r: "ntn_" + rs(r, DIG, 11) + rs(r, ALNUM, 35))
fn("figma_pat", lambda r: "figd_" + rs(r, URLSAFE, 40))
fn("sonar_token", lambda r: r.choice(["squ_", "sqp_", "sqa_"]) + rs(r, HEX, 40))
fn("onepassword_service_token", lambda r: "ops_eyJzaWduSW5BZGRyZXNzIjoi" + rs(r, ALNUM, 220))
fn("age_secret_key", lambda r: "AGE-SECRET-KEY-1" + rs(r, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L".upper(), 58))
fn("hubspot_private_app_token", lambda r: "pat-na1-%s-%s-4%s-8%s-%s" % (rs(r, HEX, 8), rs(r, HEX, 4), rs(r, HEX, 3), rs(r, HEX, 3), rs(r, HEX, 12)))
fn("airtable_pat", lambda r: "pat" + rs(r, ALNUM, 14) + "." + rs(r, HEX, 64))
tok("mapbox_secret_token", "sk.eyJ1Ijoi", ALNUM, 60, ".") if False else fn("mapbox_secret_token", lambda r: "sk.eyJ1Ijoi" + rs(r, ALNUM, 40) + "." + rs(r, URLSAFE, 22))
tok("dropbox_token", "sl.B", URLSAFE, 135)
kv("okta_api_token", ["OKTA_API_TOKEN", "okta_token"], lambda r: "00" + rs(r, URLSAFE, 40))
tok("typeform_token", "tfp_", URLSAFE, 44)
tok("netlify_token", "nfp_", ALNUM, 40)
tok("shippo_token", "shippo_live_", HEX, 40)
tok("easypost_token", "EZAK", ALNUM, 54)
tok("lob_api_key", "live_", HEX, 35) if False else None
tok("launchdarkly_token", "api-", HEX, 8) if False else None

# ---- structured secrets ----
def _pem(kind, rng, body_start="MII"):
    lines = [body_start + rs(rng, B64, 61)] + [rs(rng, B64, 64) for _ in range(5)] + [rs(rng, B64, 20) + "=="]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (kind, "\n".join(lines), kind)


fn("private_key_rsa", lambda r: _pem("RSA PRIVATE KEY", r, "MIIE"))
fn("private_key_ec", lambda r: _pem("EC PRIVATE KEY", r, "MHcCAQEE"))
fn("private_key_dsa", lambda r: _pem("DSA PRIVATE KEY", r, "MIIB"))
fn("private_key_openssh", lambda r: _pem("OPENSSH PRIVATE KEY", r, "b3BlbnNzaC1rZXktdjEAAAAA"))
fn("private_key_pkcs8", lambda r: _pem("PRIVATE KEY", r, "MIIE"))
fn("private_key_encrypted", lambda r: _pem("ENCRYPTED PRIVATE KEY", r, "MIIF"))
fn("private_key_pgp", lambda r: _pem("PGP PRIVATE KEY BLOCK", r, "lQOYBG"))
fn("putty_private_key", lambda r: "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: synthetic\nPublic-Lines: 2\n" + rs(r, B64, 64) + "\n" + rs(r, B64, 4) + "\nPrivate-Lines: 1\n" + rs(r, B64, 44))
fn("jwt", synth.jwt)


def _url(schemes, rng):
    pwv = rs(rng, ALNUM, 6) + rng.choice("-_.") + rs(rng, ALNUM, 8)
    t = "%s://%s:%s@%s" % (rng.choice(schemes), rng.choice(["app", "svc_reader", "admin", "etl"]), pwv,
                          rng.choice(["db1.example.net", "10.20.30.40", "pg.prod.example.com"]))
    return t, pwv


GENS["database_url_password"] = lambda r: _url(["postgres", "postgresql", "mysql", "mongodb+srv", "mssql"], r)
GENS["broker_url_password"] = lambda r: _url(["amqp", "amqps", "redis", "rediss", "kafka", "nats"], r)
GENS["url_basic_auth"] = lambda r: _url(["https", "http", "ftp", "git"], r)
kv("authorization_bearer", ["Authorization: Bearer ", "authorization: bearer ", '"Authorization": "Bearer '], lambda r: rs(r, ALNUM + "._-", 40), seps=("",), quotes=("",))
kv("authorization_basic", ["Authorization: Basic ", "-H 'Authorization: Basic "], lambda r: synth.b64u((rs(r, LOW, 6) + ":" + pw(r)).encode()).replace("-", "+").replace("_", "/"), seps=("",), quotes=("",))
kv("authorization_token", ["Authorization: token ", "X-API-Key: ", "X-Auth-Token: ", "api-key: "], lambda r: rs(r, ALNUM, 36), seps=("",), quotes=("",))
kv("password_assignment", ["password", "DB_PASSWORD", "db_passwd", "admin_pwd", "PASSWORD"], pw)
kv("client_secret_assignment", ["client_secret", "CLIENT_SECRET", "oauth_client_secret", "clientSecret"], lambda r: rs(r, URLSAFE, 32))
kv("api_secret_assignment", ["api_secret", "API_SECRET_KEY", "secret_key", "app_secret", "SECRET_KEY"], lambda r: rs(r, URLSAFE, 40))
kv("private_token_assignment", ["access_token", "auth_token", "refresh_token", "ACCESS_TOKEN"], lambda r: rs(r, URLSAFE, 40))
kv("connection_string_password", ["Server=db1;User Id=app;Password=", "jdbc:mysql://db1/app?user=app&password=", "Data Source=x;Pwd="], pw, seps=("",), quotes=("",))
kv("generic_api_key_assignment", ["api_key", "apikey", "API_KEY", "x_api_key", "service_key"], lambda r: rs(r, ALNUM, 32))
kv("generic_secret_hex", ["secret", "token", "auth"], lambda r: rs(r, HEX, 40))
kv("url_token_parameter", ["?access_token=", "&api_key=", "?token=", "&apikey="], lambda r: rs(r, ALNUM, 32), seps=("",), quotes=("",))

# ---- PII ----
def _email(r):
    return rs(r, LOW, 5) + r.choice([".", "_", ""]) + rs(r, LOW, 4) + "@" + r.choice(["example.com", "mail.example.org", "corp.example.net"])


fn("email", _email)
fn("phone_e164", lambda r: r.choice(["+44 7700 9", "+49 151 2", "+33 6 12 3", "+91 98765 4", "+61 4 1234 5"]) + rs(r, DIG, 5))
fn("phone_us", lambda r: (lambda a, b, c: r.choice(["(%s) %s-%s", "%s-%s-%s", "%s.%s.%s", "+1 %s-%s-%s"]) % (a, b, c))(r.choice("23456789") + rs(r, DIG, 2), r.choice("23456789") + rs(r, DIG, 2), rs(r, DIG, 4)))
fn("phone_uk", lambda r: "07" + rs(r, DIG, 3) + " " + rs(r, DIG, 6))
fn("phone_de", lambda r: "0" + r.choice(["151", "160", "170", "176"]) + " " + rs(r, DIG, 8))
fn("phone_fr", lambda r: "0" + r.choice("67") + " " + " ".join(rs(r, DIG, 2) for _ in range(4)))
fn("phone_in", lambda r: r.choice("6789") + rs(r, DIG, 4) + " " + rs(r, DIG, 5))
fn("credit_card", lambda r: (lambda c: " ".join(c[i:i + 4] for i in range(0, 16, 4)))(synth.card(r, r.choice(["4", "51", "55", "2221"]))))
fn("iban", lambda r: synth.iban(r, r.choice(["DE", "FR", "NL", "GB"]), 18))
kv("aba_routing_number", ["routing number", "ABA", "routing no.", "RTN"], synth.aba, seps=(" ", ": ", " #"), quotes=("",))
kv("swift_bic", ["SWIFT", "BIC", "swift code"], lambda r: rs(r, UP, 4) + r.choice(["DE", "GB", "FR", "US"]) + rs(r, UPNUM, 2) + r.choice(["", "XXX", "100"]), seps=(" ", ": "), quotes=("",))


def _ssn(r):
    a = r.choice([x for x in range(1, 900) if x != 666])
    return "%03d-%02d-%04d" % (a, r.randrange(1, 100), r.randrange(1, 10000))


fn("us_ssn", _ssn)
fn("us_itin", lambda r: "9%02d-%02d-%04d" % (r.randrange(0, 100), r.choice(list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92, 94, 95, 96, 97, 98, 99]), r.randrange(0, 10000)))
kv("us_ein", ["EIN", "employer identification number", "Tax ID"], lambda r: "%02d-%07d" % (r.choice([12, 20, 27, 45, 46, 81, 94]), r.randrange(10 ** 6, 10 ** 7)), seps=(" ", ": "), quotes=("",))
kv("us_passport", ["passport number", "passport no", "Passport #"], lambda r: r.choice(["", "A", "C"]) + rs(r, DIG, 8) + ("" if False else "") if True else "", seps=(" ", ": "), quotes=("",))
fn("uk_nino", lambda r: r.choice(["AB", "CE", "JK", "PR", "SW", "YZ"]) + " " + rs(r, DIG, 2) + " " + rs(r, DIG, 2) + " " + rs(r, DIG, 2) + " " + r.choice("ABCD"))
kv("uk_nhs_number", ["NHS number", "NHS No", "nhs"], lambda r: (lambda v: v[:3] + " " + v[3:6] + " " + v[6:])(synth.nhs(r)), seps=(" ", ": "), quotes=("",))
kv("de_tax_id", ["Steuer-ID", "Steueridentifikationsnummer", "IdNr", "tax id"], synth.de_taxid, seps=(" ", ": "), quotes=("",))
kv("fr_nir", ["NIR", "numéro de sécurité sociale", "n° sécu", "INSEE"], synth.fr_nir, seps=(" ", ": "), quotes=("",))
fn("es_dni", synth.dni)
fn("es_nie", synth.nie)
fn("it_codice_fiscale", synth.it_cf)
kv("nl_bsn", ["BSN", "burgerservicenummer", "bsn"], synth.bsn, seps=(" ", ": "), quotes=("",))
kv("pl_pesel", ["PESEL", "pesel"], synth.pesel, seps=(" ", ": "), quotes=("",))
fn("in_aadhaar", lambda r: (lambda v: v[:4] + " " + v[4:8] + " " + v[8:])(synth.aadhaar(r)))
fn("in_pan", lambda r: rs(r, UP, 3) + r.choice("PCHFATBLJG") + rs(r, UP, 1) + rs(r, DIG, 4) + rs(r, UP, 1))
fn("br_cpf", lambda r: (lambda v: "%s.%s.%s-%s" % (v[:3], v[3:6], v[6:9], v[9:]))(synth.cpf(r)))
fn("br_cnpj", lambda r: (lambda v: "%s.%s.%s/%s-%s" % (v[:2], v[2:5], v[5:8], v[8:12], v[12:]))(synth.cnpj(r)))
kv("ca_sin", ["SIN", "social insurance number", "S.I.N."], lambda r: (lambda v: v[:3] + " " + v[3:6] + " " + v[6:])(synth.sin(r)), seps=(" ", ": "), quotes=("",))
kv("au_tfn", ["TFN", "tax file number"], lambda r: (lambda v: v[:3] + " " + v[3:6] + " " + v[6:])(synth.tfn(r)), seps=(" ", ": "), quotes=("",))
fn("cn_resident_id", synth.cn_id)
fn("ipv4", lambda r: "%d.%d.%d.%d" % (r.choice([23, 34, 52, 81, 145, 203]), r.randrange(256), r.randrange(256), r.randrange(1, 255)))
fn("ipv6", lambda r: "2001:db8:%x:%x::%x" % (r.randrange(1, 65536), r.randrange(1, 65536), r.randrange(1, 65536)) if r.random() < 0.5 else "2a02:%x:%x:%x:%x:%x:%x:%x" % tuple(r.randrange(1, 65536) for _ in range(7)))
fn("mac_address", lambda r: r.choice([":", "-"]).join(rs(r, "0123456789ABCDEF", 2) for _ in range(6)))
kv("date_of_birth", ["DOB", "date of birth", "born on", "Date of Birth", "birthdate"], lambda r: r.choice(["%04d-%02d-%02d" % (r.randrange(1930, 2010), r.randrange(1, 13), r.randrange(1, 29)), "%02d/%02d/%04d" % (r.randrange(1, 13), r.randrange(1, 29), r.randrange(1930, 2010))]), seps=(": ", " ", " is "), quotes=("",))

# ---- infrastructure ----
fn("internal_hostname", lambda r: rs(r, LOW, 6) + "-" + rs(r, LOWNUM, 3) + r.choice([".internal", ".corp", ".lan", ".home.arpa", ".intranet"]))
fn("k8s_service_hostname", lambda r: rs(r, LOW, 7) + "." + r.choice(["default", "payments", "kube-system"]) + ".svc.cluster.local")
fn("private_ipv4", lambda r: r.choice(["10.%d.%d.%d" % (r.randrange(256), r.randrange(256), r.randrange(1, 255)), "172.%d.%d.%d" % (r.randrange(16, 32), r.randrange(256), r.randrange(1, 255)), "192.168.%d.%d" % (r.randrange(256), r.randrange(1, 255))]))
fn("private_ipv6", lambda r: "fd%02x:%x:%x::%x" % (r.randrange(256), r.randrange(1, 65536), r.randrange(1, 65536), r.randrange(1, 65536)))
fn("cloud_metadata_endpoint", lambda r: r.choice(["http://169.254.169.254/latest/meta-data/iam/security-credentials/", "http://metadata.google.internal/computeMetadata/v1/", "http://169.254.169.254/metadata/instance?api-version=2021-02-01", "http://100.100.100.200/latest/meta-data/", "http://[fd00:ec2::254]/latest/api/token"]))
GENS.pop(None, None)
