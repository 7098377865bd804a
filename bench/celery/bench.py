"""The Celery driver of Atenea's side-by-side benchmarks.

Run by the Java harness (dev.atenea.bench.Bench) against its private Redis; prints
"RESULT <name> <value>" lines.

    python3 bench.py broker  --redis=URL --n=20000
    python3 bench.py pickup  --redis=URL --samples=1000 [--warmup=50]
    python3 bench.py scaling --redis=URL --n=20000 --processes=2
"""
import os
import subprocess
import sys
import time
import uuid

import redis

HERE = os.path.dirname(os.path.abspath(__file__))
PICKUP_GAP_S = 0.005
POLL_S = 0.001


def options():
    parsed = {}
    for arg in sys.argv[2:]:
        if arg.startswith("--") and "=" in arg:
            key, value = arg[2:].split("=", 1)
            parsed[key] = value
    return parsed


def result(name, value):
    print(f"RESULT {name} {value}", flush=True)


class Run:
    """One queue, counter and latency list of a fresh name, and the workers serving it."""

    def __init__(self, url, label):
        suffix = f"{label}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        os.environ["BENCH_REDIS"] = url
        os.environ["BENCH_QUEUE"] = f"bench-{suffix}"
        os.environ["BENCH_COUNTER"] = f"bench-count-{suffix}"
        os.environ["BENCH_LATENCIES"] = f"bench-latency-{suffix}"
        sys.path.insert(0, HERE)
        import bench_tasks

        self.tasks = bench_tasks
        self.redis = redis.Redis.from_url(url)
        self.workers = []

    def start_workers(self, processes, concurrency=4):
        for i in range(processes):
            self.workers.append(subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "bench_tasks", "worker", "--pool=prefork",
                 f"--concurrency={concurrency}", "--loglevel=WARNING", "--without-gossip",
                 "--without-mingle", "--without-heartbeat", f"--hostname=bench{i}-{uuid.uuid4().hex[:6]}@%h"],
                cwd=HERE, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))

    def stop_workers(self):
        for worker in self.workers:
            worker.terminate()
        for worker in self.workers:
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        self.workers = []

    def count(self):
        return int(self.redis.get(os.environ["BENCH_COUNTER"]) or 0)

    def await_count(self, target, deadline_s=600):
        """Polls the counter; answers the time and count of the first sighting of progress
        and the time the target was reached."""
        start_count = self.count()
        first = None
        first_count = start_count
        give_up = time.time() + deadline_s
        while time.time() < give_up:
            current = self.count()
            if first is None and current > start_count:
                first, first_count = time.time(), current
            if current >= target:
                return first, first_count, time.time()
            time.sleep(POLL_S)
        raise RuntimeError(f"only {self.count()} of {target} tasks ran")

    def enqueue_one_by_one(self, n):
        started = time.time()
        for _ in range(n):
            self.tasks.noop.delay()
        return time.time() - started

    def enqueue_in_bulk(self, n):
        """Celery has no bulk publish; the closest is one producer reused for every send."""
        started = time.time()
        with self.tasks.app.producer_or_acquire() as producer:
            for _ in range(n):
                self.tasks.noop.apply_async(producer=producer)
        return time.time() - started

    def drain(self, target, processes=1):
        self.start_workers(processes)
        first, first_count, last = self.await_count(target)
        self.stop_workers()
        return (target - first_count) / (last - first)

    def clean(self):
        self.stop_workers()
        for key in self.redis.scan_iter(f"*{os.environ['BENCH_QUEUE'][6:]}*"):
            self.redis.delete(key)
        self.redis.delete(os.environ["BENCH_QUEUE"])


def broker(opts):
    n = int(opts.get("n", 20000))
    run = Run(opts["redis"], "broker")
    try:
        warm = min(2000, n)
        run.enqueue_in_bulk(warm)
        run.drain(warm)
        done = run.count()
        result("enqueue_one", n / run.enqueue_one_by_one(n))
        result("drain_c4", run.drain(done + n))
        done = run.count()
        result("enqueue_bulk", n / run.enqueue_in_bulk(n))
        run.redis.delete(os.environ["BENCH_QUEUE"])
        run.start_workers(1)
        time.sleep(1)
        started = time.time()
        adding = run.enqueue_one_by_one(n)
        _, _, last = run.await_count(done + n)
        result("while_enqueue", n / adding)
        result("while_end_to_end", n / (last - started))
    finally:
        run.clean()


def pickup(opts):
    samples = int(opts.get("samples", 1000))
    warm_up = int(opts.get("warmup", 50))
    run = Run(opts["redis"], "pickup")
    key = os.environ["BENCH_LATENCIES"]
    try:
        run.start_workers(1)
        latencies = []
        for i in range(samples + warm_up):
            run.tasks.pickup.delay(time.time_ns())
            popped = run.redis.blpop(key, timeout=60)
            if popped is None:
                raise RuntimeError("a pickup task did not run within 60 s")
            if i >= warm_up:
                latencies.append(int(popped[1]) / 1e6)
            time.sleep(PICKUP_GAP_S)
        latencies.sort()
        at = lambda p: latencies[min(len(latencies) - 1, max(0, -(-int(p * 1000) * len(latencies) // 1000) - 1))]
        result("pickup_p50_ms", at(0.5))
        result("pickup_p95_ms", at(0.95))
        result("pickup_p99_ms", at(0.99))
    finally:
        run.clean()


def scaling(opts):
    n = int(opts.get("n", 20000))
    processes = int(opts.get("processes", 1))
    run = Run(opts["redis"], "scaling")
    try:
        run.enqueue_in_bulk(n)
        result(f"drain_p{processes}", run.drain(n, processes))
    finally:
        run.clean()


if __name__ == "__main__":
    modes = {"broker": broker, "pickup": pickup, "scaling": scaling}
    if len(sys.argv) < 2 or sys.argv[1] not in modes:
        print("usage: python3 bench.py broker|pickup|scaling --redis=URL [--n=N]", file=sys.stderr)
        sys.exit(2)
    modes[sys.argv[1]](options())
