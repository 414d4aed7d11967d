#!/usr/bin/env python3
"""Kill -9 drill for a two-node Likeness cluster (run through tools/kill9-server.sh; see there for the usage).

One PostgreSQL database made for the drill, one shared home folder, the fal emulator as its own process, node B
running throughout and a fresh node A each round. Each round node A takes a training (fal) and a batch of shots
(fal-instant) of a new character through its API, is SIGKILLed at a random moment, and node B must finish both:
both jobs succeeded, exactly one fal submission per training and per shot (the emulator counts what it was sent),
no lost shot (every shot of the batch listed, succeeded and its image served), no open reservation or credit hold.
Loopback only; every wait is bounded; the database and the home are removed at the end.
"""
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = os.path.join(ROOT, "src/Likeness.Server/bin/Release/net10.0/Likeness.Server.dll")
EMULATOR = os.path.join(ROOT, "tools/FalEmulatorHost/bin/Release/net10.0/FalEmulatorHost.dll")
PHOTOS = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"]
TRAINING = "fal-ai/flux-lora-fast-training"
INSTANT = "fal-ai/instant-character"


def free_port():
    """A loopback port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_env(connection):
    """psql's environment from an Npgsql connection string (Host=…;Port=…;Username=…;Password=…)."""
    parts = dict(p.split("=", 1) for p in connection.split(";") if "=" in p)
    keys = {k.lower(): v for k, v in parts.items()}
    env = dict(os.environ)
    env["PGHOST"] = keys.get("host", "127.0.0.1")
    env["PGPORT"] = keys.get("port", "5432")
    env["PGUSER"] = keys.get("username", keys.get("user id", "postgres"))
    if "password" in keys:
        env["PGPASSWORD"] = keys["password"]
    return env


class Drill:
    def __init__(self, rounds, budget_s, max_delay_s, shots, single):
        self.rounds, self.budget_s, self.max_delay_s, self.shots, self.single = rounds, budget_s, max_delay_s, shots, single
        self.connection = os.environ.get("LIKENESS_TEST_POSTGRES", "")
        if not self.connection or self.connection == "off":
            sys.exit("LIKENESS_TEST_POSTGRES must name a PostgreSQL server (eval \"$(/work/notes/pg.sh)\" on the dev machine).")
        self.pg = pg_env(self.connection)
        self.database = "likeness_kill9_" + uuid.uuid4().hex[:12]
        self.work = tempfile.mkdtemp(prefix="likeness-kill9-")
        self.home = os.path.join(self.work, "home")
        self.processes = []
        self.token = None

    # --- processes -------------------------------------------------------------------------------------------

    def start_emulator(self):
        self.fal = subprocess.Popen(
            ["dotnet", EMULATOR, "--queue-ms", "100", "--run-ms", "800", "--training-ms", "5000", "--concurrency", "4"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.processes.append(self.fal)
        self.fal_env = {}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = self.fal.stdout.readline().strip()
            if line == "READY":
                return
            if "=" in line:
                key, value = line.split("=", 1)
                self.fal_env[key] = value
            if not line and self.fal.poll() is not None:
                break
        sys.exit("The fal emulator did not start.")

    def fal_counts(self):
        self.fal.stdin.write("counts\n")
        self.fal.stdin.flush()
        return json.loads(self.fal.stdout.readline())

    def start_node(self, name, port):
        env = dict(os.environ, **self.fal_env)
        # Polling only, the drill's own database and the shared home's files (not a database or bucket the caller's environment names).
        for variable in ("LIKENESS_FAL_WEBHOOK_URL", "LIKENESS_DATABASE_URL", "LIKENESS_S3_BUCKET"):
            env.pop(variable, None)
        log = open(os.path.join(self.work, f"node-{name}.log"), "w")
        args = ["dotnet", SERVER, "--urls", f"http://127.0.0.1:{port}", "--Likeness:Home", self.home,
                "--Likeness:Database", "Postgres", "--Likeness:ConnectionString", f"{self.connection};Database={self.database}",
                "--Likeness:Jobs:NodeId", name, "--Likeness:Jobs:PollInterval", "00:00:00.300",
                "--Likeness:Jobs:CheckinInterval", "00:00:01", "--Likeness:ClaimLease", "00:00:03",
                "--Logging:LogLevel:Default", "Warning"]
        process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env)
        self.processes.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if process.poll() is not None:
                sys.exit(f"Node {name} exited at start; see {log.name}:\n" + open(log.name).read()[-3000:])
            try:
                with urllib.request.urlopen(base + "/health/live", timeout=2) as r:
                    if r.status == 200:
                        return process, base
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        sys.exit(f"Node {name} did not answer within 180 s; see {log.name}.")

    def first_token(self, name):
        text = open(os.path.join(self.work, f"node-{name}.log")).read()
        match = re.search(r"\b(lk_[A-Za-z0-9_\-]+)", text)
        if not match:
            sys.exit("Node a printed no first-owner token.")
        return match.group(1)

    # --- HTTP --------------------------------------------------------------------------------------------------

    def call(self, base, method, path, body=None, content_type="application/json", ok=(200, 201, 202)):
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        request = urllib.request.Request(base + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=60) as r:
                payload = r.read()
                status = r.status
        except urllib.error.HTTPError as e:
            payload, status = e.read(), e.code
        if status not in ok:
            raise RuntimeError(f"{method} {path}: {status} {payload[:500]!r}")
        return status, (json.loads(payload) if payload and payload[:1] in (b"{", b"[") else payload)

    def upload_references(self, base, project, character):
        boundary = "kill9" + uuid.uuid4().hex
        body = b""
        for name in PHOTOS:
            with open(os.path.join(ROOT, "samples/cast", name), "rb") as f:
                content = f.read()
            body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                     "Content-Type: image/jpeg\r\n\r\n").encode() + content + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        self.call(base, "POST", f"/api/projects/{project}/characters/{character}/references", body, f"multipart/form-data; boundary={boundary}")

    # --- SQL ---------------------------------------------------------------------------------------------------

    def sql(self, query, database=None):
        result = subprocess.run(["psql", "-d", database or self.database, "-At", "-v", "ON_ERROR_STOP=1", "-c", query],
                                env=self.pg, capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise RuntimeError(f"psql: {result.stderr.strip()}")
        return result.stdout.strip()

    # --- the drill ---------------------------------------------------------------------------------------------

    def run(self):
        self.sql(f'CREATE DATABASE "{self.database}"', database="postgres")
        os.makedirs(self.home)
        self.start_emulator()
        node_a, base_a = self.start_node("a0", free_port())
        self.token = self.first_token("a0")
        base_b = None if self.single else self.start_node("b", free_port())[1]
        project = self.call(base_a, "GET", "/api/projects")[1][0]["id"]
        started = time.monotonic()
        results = []
        for i in range(1, self.rounds + 1):
            if time.monotonic() - started > self.budget_s:
                print(f"time budget of {self.budget_s} s spent: {i - 1} of {self.rounds} rounds run")
                break
            began = time.monotonic()
            if i > 1 and not self.single:
                node_a, base_a = self.start_node(f"a{i}", free_port())
            result, restarted = self.round(i, project, node_a, base_a, base_b)
            result["round_s"], result["start_s"] = round(time.monotonic() - began, 1), round(result["posted_at"] - began, 1)
            results.append(result)
            if self.single:
                # The restarted node is the next round's node A.
                node_a, base_a = restarted
        after_doctor = self.doctor() if results else None
        self.summary(results, time.monotonic() - started, after_doctor)
        return 0 if results and all(r["ok"] for r in results) and after_doctor == (0, 0) else 1

    def doctor(self):
        """One more node, whose start-up doctor settles what the rounds left; then every round's open reservations and credit holds."""
        self.start_node("doctor", free_port())
        mine = """SELECT "ReservationId" FROM "Ledger" WHERE "Description" LIKE '% Kill% at %'"""
        open_reservations = int(self.sql(
            f"""SELECT COUNT(*) FROM (SELECT "ReservationId" FROM "Ledger" WHERE "ReservationId" IN ({mine}) GROUP BY "ReservationId" HAVING COUNT(*) = 1) x"""))
        holds = int(self.sql(f'SELECT COUNT(*) FROM "CreditHolds" WHERE "ReservationId" IN ({mine})'))
        return open_reservations, holds

    def round(self, i, project, node_a, base_a, base_b):
        character = f"Kill{i}"
        before = self.fal_counts()
        posted_at = time.monotonic()
        self.call(base_a, "POST", f"/api/projects/{project}/characters", {"name": character, "description": "a kill -9 drill subject"})
        self.upload_references(base_a, project, character)
        training = self.call(base_a, "POST", f"/api/projects/{project}/identities", {"character": character, "provider": "fal"})[1]["id"]
        batch = self.call(base_a, "POST", f"/api/projects/{project}/characters/{character}/shots/batches",
                          {"provider": "fal-instant", "prompt": "walking through a market", "seed": i * 100, "count": self.shots})[1]["id"]
        delay = round(random.uniform(0, self.max_delay_s), 2)
        time.sleep(delay)
        node_a.send_signal(signal.SIGKILL)
        node_a.wait(timeout=30)
        killed_at = time.monotonic()
        at_kill = self.sql(
            f"""SELECT string_agg("Kind" || ' ' || "Status" || ' ' || coalesce("Message", ''), ' | ' ORDER BY "Kind") FROM "Jobs" WHERE "Id" IN ('{training}', '{batch}')""")
        # Single mode: the same home and database started again (a new process) finishes them; else node B does.
        restarted = self.start_node(f"a{i}r", free_port()) if self.single else None
        base_b = restarted[1] if restarted else base_b

        # Node B finishes both (bounded).
        deadline = time.monotonic() + 240
        jobs = {}
        while time.monotonic() < deadline:
            jobs = {j: self.call(base_b, "GET", f"/api/projects/{project}/jobs/{j}")[1] for j in (training, batch)}
            if all(job["status"] in ("succeeded", "failed", "cancelled") for job in jobs.values()):
                break
            time.sleep(0.5)
        finished_s = round(time.monotonic() - killed_at, 1)
        after = self.fal_counts()
        sent = {k: after.get(k, 0) - before.get(k, 0) for k in set(after) | set(before)}

        made = jobs[batch].get("resultIds", [])
        lost = 0
        for shot in made:
            status, body = self.call(base_b, "GET", f"/api/projects/{project}/characters/{character}/shots/{shot}")
            image = self.call(base_b, "GET", f"/api/projects/{project}/characters/{character}/shots/{shot}/images/0", ok=(200, 404))[0]
            lost += 0 if body["status"] == "succeeded" and image == 200 else 1
        # Lost: listed as made but not succeeded or not served. Not made: the batch ended short (it then says why).
        not_made = self.shots - len(set(made))
        # Each call the trained identity made (its validation shots) is one fal request recorded on a shot: none sent twice or lost.
        validation_rows = int(self.sql(
            f"""SELECT COUNT(DISTINCT s."ProviderRequestId") FROM "Shots" s JOIN "Characters" c ON c."Id" = s."CharacterId" """
            f"""WHERE c."Name" = '{character}' AND s."Provider" = 'fal' AND s."ProviderRequestId" IS NOT NULL"""))
        # This round's paid calls left open (their ledger description names the character): reservations, credit holds.
        mine = f"""SELECT "ReservationId" FROM "Ledger" WHERE "Description" LIKE '% {character} at %'"""
        open_reservations = int(self.sql(
            f"""SELECT COUNT(*) FROM (SELECT "ReservationId" FROM "Ledger" WHERE "ReservationId" IN ({mine}) GROUP BY "ReservationId" HAVING COUNT(*) = 1) x"""))
        holds = int(self.sql(f'SELECT COUNT(*) FROM "CreditHolds" WHERE "ReservationId" IN ({mine})'))
        lora_sent = sum(v for k, v in sent.items() if k not in (TRAINING, INSTANT))
        result = {
            "round": i, "kill_after_s": delay, "at_kill": at_kill,
            "training": jobs[training]["status"], "batch": jobs[batch]["status"],
            "training_submissions": sent.get(TRAINING, 0), "shot_submissions": sent.get(INSTANT, 0),
            "validation_submissions": lora_sent, "validation_shots": validation_rows,
            "lost_shots": lost, "not_made": not_made, "open_reservations": open_reservations, "credit_holds": holds,
            "posted_at": posted_at, "finished_s": finished_s,
        }
        result["ok"] = (result["training"] == "succeeded" and result["batch"] == "succeeded" and result["training_submissions"] == 1
                        and result["shot_submissions"] == self.shots and lora_sent == validation_rows and lost == 0 and not_made == 0
                        and open_reservations == 0 and holds == 0)
        print(f"round {i}: killed A {delay:.2f} s after the posts ({at_kill}); {'restarted' if self.single else 'B'}: training {result['training']}, batch {result['batch']}; "
              f"fal submissions: training {result['training_submissions']}, shots {result['shot_submissions']}/{self.shots}, "
              f"validation {lora_sent} for {validation_rows} shots; lost {lost}, not made {not_made}; open reservations {open_reservations}, holds {holds}; "
              f"finished {finished_s:.0f} s after the kill"
              f"{'' if result['ok'] else '  <-- FAILED'}", flush=True)
        for job in jobs.values():
            if job["status"] != "succeeded":
                print(f"  {job['kind']} job {job['status']}: {job.get('message')}", flush=True)
        return result, restarted

    def summary(self, results, elapsed, after_doctor):
        n = len(results)
        if n == 0:
            print("no round ran")
            return
        total = lambda key: sum(r[key] for r in results)
        print(f"\n{n} rounds in {elapsed:.0f} s, {self.shots} shots a batch, {'one node restarted' if self.single else 'two nodes'}:")
        print(f"  both jobs finished by {'the restarted node' if self.single else 'node B'}: {sum(r['training'] == 'succeeded' and r['batch'] == 'succeeded' for r in results)}/{n}")
        print(f"  trainings submitted to fal exactly once: {sum(r['training_submissions'] == 1 for r in results)}/{n} "
              f"({total('training_submissions')} submissions for {n} trainings)")
        print(f"  shots submitted: {total('shot_submissions')} for {n * self.shots} shots; validation: {total('validation_submissions')} submissions for {total('validation_shots')} shots")
        print(f"  lost shots: {total('lost_shots')}; shots not made: {total('not_made')}; reservations left open: {total('open_reservations')}; credit holds left: {total('credit_holds')}")
        twice = sum(max(0, r["training_submissions"] - 1) + max(0, r["shot_submissions"] - self.shots)
                    + max(0, r["validation_submissions"] - r["validation_shots"]) for r in results)
        print(f"  calls sent to fal twice: {twice}")
        print(f"  after a last node's start-up doctor: reservations open {after_doctor[0]}, credit holds {after_doctor[1]}")
        print(f"  rounds passing every check: {sum(r['ok'] for r in results)}/{n}")
        # Where a round's time goes: node A's start (a fresh process: the runtime, the schema check, the doctor, the
        # scheduler) and its posts, the wait before the kill, and the takeover until both jobs ended.
        mean = lambda key: sum(r[key] for r in results) / n
        print(f"  a round took {mean('round_s'):.0f} s on average (longest {max(r['round_s'] for r in results):.0f} s): node A's start "
              f"{mean('start_s'):.0f} s, the kill {mean('kill_after_s'):.1f} s after the posts, both jobs ended {mean('finished_s'):.0f} s after the kill")

    def close(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        try:
            self.sql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)', database="postgres")
        except Exception as e:  # the drill's result stands; say what was left
            print(f"could not drop {self.database}: {e}", file=sys.stderr)
        subprocess.run(["rm", "-rf", self.work], check=False)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    budget = float(sys.argv[2]) if len(sys.argv) > 2 else 1800
    max_delay = float(sys.argv[3]) if len(sys.argv) > 3 else 6
    shots = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    single = len(sys.argv) > 5 and sys.argv[5] == "single"
    for path in (SERVER, EMULATOR):
        if not os.path.exists(path):
            sys.exit(f"{path} is missing: dotnet build src/Likeness.Server -c Release; dotnet build tools/FalEmulatorHost -c Release")
    drill = Drill(rounds, budget, max_delay, shots, single)
    try:
        code = drill.run()
    finally:
        drill.close()
    sys.exit(code)


if __name__ == "__main__":
    main()
