#!/usr/bin/env bash
# Kept for old instructions: the whole pipeline is one command now, `spoofxai_run` (see README); WORK_DIR defaults to demo/.
exec spoofxai_run --work "${1:-demo}" "${@:2}"
