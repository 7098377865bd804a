"""The Celery side of Atenea's side-by-side benchmarks: the app and its tasks.

The worker is started as ``python3 -m celery -A bench_tasks worker``; the Redis URL, the
queue and the key the tasks count in come from the environment, set by bench.py.
"""
import os
import time

import redis
from celery import Celery, shared_task
from celery.signals import worker_process_init

app = Celery("bench", broker=os.environ["BENCH_REDIS"])
app.conf.update(
    task_ignore_result=True,
    task_default_queue=os.environ["BENCH_QUEUE"],
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
)

_counter = None


@worker_process_init.connect
def connect_counter(**_):
    """Each prefork child gets its own connection for counting finished tasks."""
    global _counter
    _counter = redis.Redis.from_url(os.environ["BENCH_REDIS"])


def counter():
    global _counter
    if _counter is None:
        _counter = redis.Redis.from_url(os.environ["BENCH_REDIS"])
    return _counter


@shared_task(bind=True, max_retries=3)
def noop(self):
    """Does nothing but count itself, so the driver sees when the drain ends."""
    counter().incr(os.environ["BENCH_COUNTER"])


@shared_task(bind=True, max_retries=3)
def pickup(self, sent_ns):
    """Records how long after its enqueue it started."""
    latency = time.time_ns() - sent_ns
    counter().rpush(os.environ["BENCH_LATENCIES"], latency)
