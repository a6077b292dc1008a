#!/usr/bin/python3
"""Writes log lines as Python's popular JSON loggers produce them, one file per library, for the logger-format
tests of logline-core. Run by generate.sh with Debian's python3 (apt-get install python3-structlog python3-loguru
python3-pythonjsonlogger), TZ=UTC. Usage: python_loggers.py OUT_DIR"""

import io
import logging
import os
import sys


def write(out_dir, name, text):
    with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
        f.write(text)


def structlog_lines():
    import structlog
    buf = io.StringIO()
    structlog.configure(
        processors=[
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
        logger_factory=structlog.PrintLoggerFactory(file=buf),
    )
    log = structlog.get_logger()
    log.info("user logged in", user="ann", order_id="ORD987")
    log.warning("stock low", sku="SKU-1", left=3)
    try:
        1 / 0
    except ZeroDivisionError:
        log.exception("payment failed", order_id="ORD987")
    return buf.getvalue()


def loguru_lines():
    from loguru import logger
    buf = io.StringIO()
    logger.remove()
    logger.add(buf, serialize=True, level="TRACE")
    logger.bind(user="ann", order_id="ORD987").info("user logged in")
    logger.warning("stock low")
    logger.success("order shipped")
    try:
        1 / 0
    except ZeroDivisionError:
        logger.exception("payment failed")
    logger.remove()
    return buf.getvalue()


def python_json_logger_lines():
    from pythonjsonlogger import jsonlogger
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    log = logging.getLogger("shop.orders")
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    log.propagate = False
    # The common format first (asctime only), then one that also carries created, funcName and lineno.
    handler.setFormatter(jsonlogger.JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    log.info("user logged in", extra={"user": "ann", "order_id": "ORD987"})
    log.warning("stock low", extra={"sku": "SKU-1", "left": 3})
    handler.setFormatter(jsonlogger.JsonFormatter(
        "%(created)f %(asctime)s %(levelname)s %(name)s %(funcName)s %(lineno)d %(message)s"))
    try:
        1 / 0
    except ZeroDivisionError:
        log.exception("payment failed", extra={"order_id": "ORD987"})
    return buf.getvalue()


def main():
    out_dir = sys.argv[1]
    write(out_dir, "structlog.jsonl", structlog_lines())
    write(out_dir, "loguru.jsonl", loguru_lines())
    write(out_dir, "python-json-logger.jsonl", python_json_logger_lines())


if __name__ == "__main__":
    main()
