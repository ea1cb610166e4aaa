"""Starts moto's server for Slipway's AWS tests.

    python slipway_moto.py -H 127.0.0.1 -p PORT

Runs moto's standard server (all services, reset with POST /moto-api/reset) with Slipway's extensions of moto
(slipway_ext.py: EKS state transitions, operations moto lacks, node group instances, fault injection; README.md),
applied before the server starts.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import slipway_ext  # noqa: E402
from moto.server import main  # noqa: E402

if __name__ == "__main__":
    slipway_ext.install()
    sys.exit(main(sys.argv[1:]))
