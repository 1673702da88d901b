#!/usr/bin/env python3
"""D3 (issue 17): the host's peak memory while it streams the invoice-lines CSV export.

Starts the host's Release build on a free 127.0.0.1 port with a fresh data directory, issues one real invoice through
the API (plan, account, 10% coupon, subscription: 3 lines, 2 line discounts), clones it in SQLite until the database
holds LINES invoice lines, then downloads /api/exports/invoice-lines.csv while sampling the host's resident set
(/proc/<pid>/status) every 20 ms. Prints the rows received, the time, the RSS before the export, the highest RSS
sampled during it and the kernel's high-water mark (VmHWM).

Usage: dotnet build -c Release src/Host/Billing.Host && benchmarks/export-memory/export-memory.py [LINES ...]
"""
import json, os, shutil, socket, sqlite3, subprocess, sys, tempfile, threading, time, urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HOST_DLL = os.path.join(ROOT, "src/Host/Billing.Host/bin/Release/net10.0/Billing.Host.dll")
TOKEN = "export-bench-admin-" + os.urandom(8).hex()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


def run(lines):
    data = tempfile.mkdtemp(prefix="billing-export-bench-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", Billing__DataDirectory=data, Billing__Jobs__Store="memory",
               Auth__AdminTokens__0=TOKEN, Billing__Outbox__DispatchEnabled="false",
               Billing__Idempotency__Secret=os.urandom(32).hex(), Billing__MyAccount__Secret=os.urandom(32).hex())
    errors = tempfile.TemporaryFile(mode="w+")
    host = subprocess.Popen(["dotnet", HOST_DLL, "--urls", base], cwd=os.path.dirname(HOST_DLL), env=env,
                            stdout=subprocess.DEVNULL, stderr=errors)
    try:
        for _ in range(600):
            if host.poll() is not None:
                errors.seek(0)
                sys.exit("the host stopped at start:\n" + errors.read())
            try:
                urllib.request.urlopen(base + "/health", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        call(base, "POST", "/api/plans", {"code": "plan-a", "name": "Plan A", "interval": {"length": 1, "unit": "month"},
             "currencies": [{"currency": "USD", "unit_amount": 15.00, "setup_fee": 50.00}],
             "add_ons": [{"code": "extra", "name": "Extra seats", "currencies": [{"currency": "USD", "unit_amount": 7.00}]}]})
        call(base, "POST", "/api/accounts", {"code": "acme", "email": "billing@acme.test", "country": "US"})
        call(base, "POST", "/api/coupons", {"code": "SAVE10", "name": "Ten", "discount": {"type": "percent", "percent": 10},
             "duration": {"type": "forever"}})
        call(base, "POST", "/api/subscriptions", {"account_code": "acme", "plan_code": "plan-a", "currency": "USD",
             "add_ons": [{"code": "extra", "quantity": 1}], "coupon_codes": ["save10"]})

        invoices = (lines + 2) // 3
        db = sqlite3.connect(os.path.join(data, "billing.db"), timeout=60)
        columns = [row[1] for row in db.execute('PRAGMA table_info("invoicing_invoices")')]
        line_columns = [row[1] for row in db.execute('PRAGMA table_info("invoicing_invoice_lines")')]
        select = ", ".join("n.k" if c == "Number" else "'one_time'" if c == "Kind" else f'i."{c}"' for c in columns)
        line_select = ", ".join("n.k" if c == "InvoiceNumber" else f'l."{c}"' for c in line_columns)
        clone = f"WITH RECURSIVE n(k) AS (SELECT 2 UNION ALL SELECT k + 1 FROM n WHERE k < {invoices}) "
        db.execute(f'INSERT INTO "invoicing_invoices" {clone} SELECT {select} FROM n, "invoicing_invoices" i WHERE i."Number" = 1')
        db.execute(f'INSERT INTO "invoicing_invoice_lines" {clone} SELECT {line_select} FROM n, "invoicing_invoice_lines" l WHERE l."InvoiceNumber" = 1')
        db.commit()
        stored = db.execute('SELECT COUNT(*) FROM "invoicing_invoice_lines"').fetchone()[0]
        db.close()

        before = status_kb(host.pid, "VmRSS")
        peak = [before]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], status_kb(host.pid, "VmRSS"))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        started = time.monotonic()
        rows = -1
        request = urllib.request.Request(base + "/api/exports/invoice-lines.csv", headers={"Authorization": "Bearer " + TOKEN})
        with urllib.request.urlopen(request, timeout=600) as response:
            for _ in response:
                rows += 1
        elapsed = time.monotonic() - started
        done.set()
        sampler.join()
        print(f"invoice lines stored {stored:>9,}  rows exported {rows:>9,}  in {elapsed:6.1f} s  "
              f"RSS before {before / 1024:6.1f} MiB  peak during export {peak[0] / 1024:6.1f} MiB  "
              f"VmHWM {status_kb(host.pid, 'VmHWM') / 1024:6.1f} MiB")
    finally:
        host.terminate()
        host.wait(30)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    if not os.path.exists(HOST_DLL):
        sys.exit("build the host first: dotnet build -c Release src/Host/Billing.Host")
    for count in [int(a) for a in sys.argv[1:]] or [100_000]:
        run(count)
