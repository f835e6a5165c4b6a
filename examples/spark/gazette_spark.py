#!/usr/bin/env python3
"""Run `gazette extract` over article dumps with PySpark.

Each partition of the input (JSONL articles, one JSON object a line) is piped
through one `gazette extract -` process on the executor that holds it; the
JSONL records it writes become the job's output, one part file per partition.

Usage:

    spark-submit [--master ...] --files /path/to/gazette[,/path/to/my-gazetteer.tsv] \\
        examples/spark/gazette_spark.py INPUT OUTPUT \\
        [--emit KINDS] [--gazetteer NAME] [--threads N] [--partitions N] [--compress]

Run with --help for the options. See examples/spark/README.md.

Why `mapPartitions` and not `RDD.pipe`: `RDD.pipe` takes one command string,
built on the driver, but the path of the shipped binary is only known on each
executor: with `--files` it lands under `SparkFiles.getRootDirectory()` in
local and standalone mode, but in the container's working directory on YARN
(where `--files` goes through the distributed cache, not `SparkContext.addFile`),
and it may arrive without its execute bit. No single string is right
everywhere. PySpark's `pipe` also runs the command with an empty environment
by default and, if reading the partition fails, loses the error in its feeding
thread. So the function below finds the binary on the executor, makes it
executable, feeds the partition to stdin from a thread of its own (writing
and reading in one thread could deadlock once both pipe buffers fill), yields
stdout lines as they come, and fails the task on a non-zero exit with the end
of gazette's stderr in the message.
"""

import argparse
import collections
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading

RECORD_KINDS = ("article", "entity", "quote", "error", "all")
GZIP_CODEC = "org.apache.hadoop.io.compress.GzipCodec"

# Per Python worker: shipped file name -> executable path found for it.
_resolved = {}


def _candidates(name):
    """Where a file shipped with --files or addFile may be on this executor."""
    if os.path.isabs(name):
        # An absolute path: a binary installed at the same place on every node.
        return [name]
    from pyspark import SparkFiles

    base = os.path.basename(name)
    return [SparkFiles.get(base), os.path.join(os.getcwd(), base)]


def _find_file(name):
    tried = _candidates(name)
    for path in tried:
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(
        "gazette_spark: %r was not shipped to this executor (looked at %s); "
        "pass it to spark-submit with --files" % (name, ", ".join(tried))
    )


def _find_binary(name):
    """The shipped binary's path on this executor, made executable if needed."""
    if name in _resolved:
        return _resolved[name]
    path = _find_file(name)
    if not os.access(path, os.X_OK):
        try:
            os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        except OSError:
            pass
    if not os.access(path, os.X_OK):
        # Read-only (e.g. a YARN distributed-cache file owned by another user):
        # run a private executable copy instead.
        copy_dir = tempfile.mkdtemp(prefix="gazette-spark-")
        copy = os.path.join(copy_dir, os.path.basename(path))
        shutil.copyfile(path, copy)
        os.chmod(copy, 0o755)
        path = copy
    _resolved[name] = path
    return path


def make_extractor(binary, emit, threads, gazetteers):
    """A mapPartitions function piping a partition's lines through gazette.

    Only plain values are captured (the closure is pickled to the executors).
    """

    def extract_partition(lines):
        command = [_find_binary(binary), "extract", "-", "-q", "--bad-input-ok",
                   "-j", str(threads), "--emit", emit]
        for name in gazetteers:
            command += ["--gazetteer", _find_file(name)]
        proc = subprocess.Popen(command, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        feed_error = []
        stderr_tail = collections.deque(maxlen=20)

        def feed():
            try:
                for line in lines:
                    # textFile drops the line ending; gazette skips blank lines.
                    proc.stdin.write(line.encode("utf-8"))
                    proc.stdin.write(b"\n")
            except BrokenPipeError:
                pass  # gazette stopped early; its exit code says why
            except BaseException as exc:  # reading the partition failed
                feed_error.append(exc)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        def drain_stderr():
            # Diagnostics (one line per bad article) go to the executor's
            # stderr log; the last few go into the error of a failed task.
            for raw in proc.stderr:
                text = raw.decode("utf-8", "replace")
                stderr_tail.append(text.rstrip("\n"))
                sys.stderr.write(text)
            sys.stderr.flush()

        feeder = threading.Thread(target=feed, name="gazette-stdin", daemon=True)
        reader = threading.Thread(target=drain_stderr, name="gazette-stderr", daemon=True)
        feeder.start()
        reader.start()
        finished = False
        try:
            for raw in proc.stdout:
                yield raw.rstrip(b"\n").decode("utf-8")
            feeder.join()
            code = proc.wait()
            reader.join()
            finished = True
        finally:
            if not finished:  # the consumer stopped early or the task failed
                proc.kill()
                proc.wait()
            proc.stdout.close()
        if feed_error:
            raise feed_error[0]
        if code != 0:
            raise RuntimeError(
                "gazette exited with code %d: %s\nlast lines of its stderr:\n%s"
                % (code, " ".join(command), "\n".join(stderr_tail) or "(none)")
            )

    return extract_partition


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="gazette_spark.py",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Extract article, entity, quote and error records (JSONL, schema in
docs/schema.md) from JSONL article dumps with Spark: each partition is piped
through `gazette extract - -q --bad-input-ok` on its executor. Ship the
gazette binary (and any gazetteer) with spark-submit --files.""",
        epilog="""\
input:
  One JSON article a line (id, title, text, published, url, source); a file, a
  directory or a glob that sc.textFile understands, any file system Hadoop
  reads (file://, hdfs://, s3a://, ...). .gz files are read whole, one
  partition per file. Give every article an `id`: a line without one gets the
  id `-:LINE`, LINE counted within its partition, so it changes with the
  partitioning. Lines that are not valid articles give `error` records in the
  output and do not fail the job.

output:
  OUTPUT is a directory that must not exist; it gets one part file of JSONL
  records per partition (part-00000, ... or part-00000.gz with --compress).
  Records of one article stay together and in gazette's order.

examples:
  spark-submit --master local[2] --files target/release/gazette \\
      examples/spark/gazette_spark.py articles/ records/ --partitions 4
  spark-submit --master yarn --num-executors 8 --executor-cores 2 \\
      --files gazette,my-gazetteer.tsv examples/spark/gazette_spark.py \\
      'hdfs:///dumps/2025-*.jsonl.gz' hdfs:///gazette/2025 \\
      --gazetteer my-gazetteer.tsv --emit article,entity --compress
""",
    )
    parser.add_argument("input", metavar="INPUT",
                        help="JSONL article dump(s): a file, a directory or a glob")
    parser.add_argument("output", metavar="OUTPUT",
                        help="output directory for the JSONL part files (must not exist)")
    parser.add_argument("--emit", default="all", metavar="KINDS",
                        help="record kinds to write, comma-separated: article, entity, "
                             "quote, error, all (default: all)")
    parser.add_argument("--gazetteer", action="append", default=[], metavar="NAME",
                        help="name of a gazetteer TSV shipped with --files (a path is "
                             "cut to its file name; an absolute path that exists on "
                             "every node is used as it is); repeatable")
    parser.add_argument("--threads", type=int, default=1, metavar="N",
                        help="threads of each gazette process (-j); one process runs "
                             "per task, so match N to --conf spark.task.cpus (default: 1)")
    parser.add_argument("--partitions", type=int, default=0, metavar="N",
                        help="repartition the input into N partitions before extracting "
                             "(default: keep sc.textFile's partitions; needed to spread "
                             "a few large .gz files over more tasks)")
    parser.add_argument("--compress", action="store_true",
                        help="write gzip part files (part-NNNNN.gz)")
    parser.add_argument("--binary", default="gazette", metavar="NAME",
                        help="name of the gazette binary shipped with --files, or an "
                             "absolute path that exists on every node (default: gazette)")
    args = parser.parse_args(argv)
    kinds = [k.strip() for k in args.emit.split(",") if k.strip()]
    bad = [k for k in kinds if k not in RECORD_KINDS]
    if not kinds or bad:
        parser.error("--emit: unknown record kind(s) %s; choose from %s"
                     % (", ".join(bad) or "(none)", ", ".join(RECORD_KINDS)))
    args.emit = ",".join(kinds)
    if args.threads < 1:
        parser.error("--threads must be at least 1")
    if args.partitions < 0:
        parser.error("--partitions must be at least 1 (or 0 to keep the input's)")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark import SparkContext  # after parsing: --help works without Spark

    sc = SparkContext(appName="gazette extract")
    try:
        lines = sc.textFile(args.input)
        if args.partitions:
            lines = lines.repartition(args.partitions)
        records = lines.mapPartitions(
            make_extractor(args.binary, args.emit, args.threads, args.gazetteer))
        if args.compress:
            records.saveAsTextFile(args.output, compressionCodecClass=GZIP_CODEC)
        else:
            records.saveAsTextFile(args.output)
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
