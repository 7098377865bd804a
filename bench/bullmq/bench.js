// The BullMQ side of Atenea's side-by-side benchmarks.
//
// Run by the Java harness (dev.atenea.bench.Bench), which starts a private Redis and
// reads the lines printed as "RESULT <name> <value>". Workers run in child processes of
// their own, so the process that adds jobs never shares an event loop with the one that
// runs them, as with Celery and Atenea.
//
//   node bench.js broker  --redis=URL --n=20000 --concurrency=4,50
//   node bench.js pickup  --redis=URL --samples=1000 [--warmup=50]
//   node bench.js scaling --redis=URL --n=20000 --processes=2
'use strict';

const { fork } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { Queue, Worker } = require('bullmq');

const JOB_OPTIONS = { attempts: 4, removeOnComplete: true, removeOnFail: 1000 };
const BULK_CHUNK = 1000;
const PICKUP_GAP_MS = 5;

function options() {
  const parsed = {};
  for (const arg of process.argv.slice(3)) {
    const match = /^--([^=]+)=(.*)$/.exec(arg);
    if (match) parsed[match[1]] = match[2];
  }
  return parsed;
}

function connection(url) {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 6379), maxRetriesPerRequest: null };
}

// Wall-clock milliseconds with sub-millisecond precision, comparable across processes.
function now() {
  return performance.timeOrigin + performance.now();
}

function result(name, value) {
  console.log(`RESULT ${name} ${value}`);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function queueName(label) {
  return `bench-${label}-${process.pid}-${Date.now()}`;
}

async function addOneByOne(queue, n) {
  const started = now();
  for (let i = 0; i < n; i++) {
    await queue.add('noop', {}, JOB_OPTIONS);
  }
  return now() - started;
}

async function addInBulk(queue, n) {
  const started = now();
  for (let done = 0; done < n; done += BULK_CHUNK) {
    const size = Math.min(BULK_CHUNK, n - done);
    await queue.addBulk(Array.from({ length: size }, () => ({ name: 'noop', data: {}, opts: JOB_OPTIONS })));
  }
  return now() - started;
}

// A worker process: counts finished jobs and reports them every 20 ms as
// { count, first, last }, or for pickup jobs the latency of each.
function startWorkers(url, name, concurrency, processes) {
  const children = [];
  for (let i = 0; i < processes; i++) {
    children.push(fork(__filename, ['worker', `--redis=${url}`, `--queue=${name}`, `--concurrency=${concurrency}`]));
  }
  const ready = children.map((child) => new Promise((resolve) => child.once('message', resolve)));
  return Promise.all(ready).then(() => children);
}

function awaitCount(children, target) {
  return new Promise((resolve) => {
    let count = 0;
    let first = Infinity;
    let last = 0;
    const onMessage = (message) => {
      if (message.count === undefined) return;
      count += message.count;
      first = Math.min(first, message.first);
      last = Math.max(last, message.last);
      if (count >= target) {
        children.forEach((child) => child.off('message', onMessage));
        resolve({ first, last });
      }
    };
    children.forEach((child) => child.on('message', onMessage));
  });
}

async function stopWorkers(children) {
  await Promise.all(children.map((child) => new Promise((resolve) => {
    child.once('exit', resolve);
    child.send({ stop: true });
  })));
}

async function drain(url, queue, n, concurrency, processes) {
  const children = await startWorkers(url, queue.name, concurrency, processes);
  const { first, last } = await awaitCount(children, n);
  await stopWorkers(children);
  return (n - 1) / ((last - first) / 1000);
}

async function broker(opts) {
  const n = Number(opts.n || 20000);
  const concurrencies = (opts.concurrency || '4,50').split(',').map(Number);
  const queue = new Queue(queueName('broker'), { connection: connection(opts.redis) });
  await queue.waitUntilReady();

  await addInBulk(queue, Math.min(2000, n));
  await drain(opts.redis, queue, Math.min(2000, n), 4, 1);

  result('enqueue_one', n / (await addOneByOne(queue, n) / 1000));
  result(`drain_c${concurrencies[0]}`, await drain(opts.redis, queue, n, concurrencies[0], 1));
  for (const concurrency of concurrencies.slice(1)) {
    result('enqueue_bulk', n / (await addInBulk(queue, n) / 1000));
    result(`drain_c${concurrency}`, await drain(opts.redis, queue, n, concurrency, 1));
  }

  const children = await startWorkers(opts.redis, queue.name, concurrencies[0], 1);
  const counted = awaitCount(children, n);
  const started = now();
  const adding = await addOneByOne(queue, n);
  const { last } = await counted;
  await stopWorkers(children);
  result('while_enqueue', n / (adding / 1000));
  result('while_end_to_end', n / ((last - started) / 1000));

  await queue.obliterate({ force: true });
  await queue.close();
}

async function pickup(opts) {
  const samples = Number(opts.samples || 1000);
  const warmUp = Number(opts.warmup || 50);
  const queue = new Queue(queueName('pickup'), { connection: connection(opts.redis) });
  await queue.waitUntilReady();
  const [child] = await startWorkers(opts.redis, queue.name, 4, 1);
  const latencies = [];
  for (let i = 0; i < samples + warmUp; i++) {
    const received = new Promise((resolve) => child.once('message', resolve));
    await queue.add('pickup', { sent: now() }, JOB_OPTIONS);
    const message = await received;
    if (i >= warmUp) latencies.push(message.latency);
    await sleep(PICKUP_GAP_MS);
  }
  await stopWorkers([child]);
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
  result('pickup_p50_ms', at(0.5));
  result('pickup_p95_ms', at(0.95));
  result('pickup_p99_ms', at(0.99));
  await queue.obliterate({ force: true });
  await queue.close();
}

async function scaling(opts) {
  const n = Number(opts.n || 20000);
  const processes = Number(opts.processes || 1);
  const queue = new Queue(queueName('scaling'), { connection: connection(opts.redis) });
  await queue.waitUntilReady();
  await addInBulk(queue, n);
  result(`drain_p${processes}`, await drain(opts.redis, queue, n, Number(opts.concurrency || 4), processes));
  await queue.obliterate({ force: true });
  await queue.close();
}

function worker(opts) {
  let count = 0;
  let first = 0;
  let last = 0;
  const flush = () => {
    if (count > 0) {
      process.send({ count, first, last });
      count = 0;
    }
  };
  const timer = setInterval(flush, 20);
  const processor = async (job) => {
    if (job.name === 'pickup') {
      process.send({ latency: now() - job.data.sent });
      return;
    }
    const at = now();
    if (count === 0) first = at;
    count++;
    last = at;
  };
  const instance = new Worker(opts.queue, processor, {
    connection: connection(opts.redis),
    concurrency: Number(opts.concurrency),
  });
  instance.waitUntilReady().then(() => process.send({ ready: true }));
  process.on('message', async (message) => {
    if (message.stop) {
      clearInterval(timer);
      flush();
      await instance.close();
      process.exit(0);
    }
  });
}

const modes = { broker, pickup, scaling, worker };
const mode = modes[process.argv[2]];
if (!mode) {
  console.error('usage: node bench.js broker|pickup|scaling --redis=URL [--n=N]');
  process.exit(2);
}
Promise.resolve(mode(options())).catch((error) => {
  console.error(error);
  process.exit(1);
});
