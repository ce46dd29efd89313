#!/bin/sh
# A national run on one host with GNU parallel: N shards of `vanban batch`,
# each a process of its own, together writing exactly the files of one run
# (docs/batch.md, "Past one machine"). Run from the repository:
#
#   examples/batch/parallel.sh TEMPLATE.xml DATA.csv OUTDIR [N]
#   VANBAN=build/vanban examples/batch/parallel.sh examples/batch/bao-cao.xml examples/batch/huyen.csv out 3
#
# On one machine `vanban batch --jobs $(nproc)` is as fast (threads share one
# engine); shards pay off when parallel spreads them over several hosts:
#   parallel --sshlogin 4/may1,4/may2 --workdir /shared ...
# A shard that fails (exit status not 0) is run again with --skip-existing,
# which keeps the files already written and finishes the rest.
set -eu
tmpl="$1" data="$2" out="$3" n="${4:-4}"
vanban="${VANBAN:-vanban}" # the program (VANBAN=build/vanban to use a build)
parallel --halt never --joblog "$out.joblog" --retries 2 \
    "$vanban" batch "$tmpl" "$data" -o "$out" --jobs 1 --skip-existing --progress --shard '{}/'"$n" \
    ::: $(seq 0 $((n - 1)))
# the shards' manifests, put together: the manifest of the whole run
for k in $(seq 0 $((n - 1))); do cat "$out/manifest-$k-of-$n.csv"; done | sort -t, -k1,1n >"$out/manifest.csv"
echo "$(wc -l <"$out/manifest.csv") files listed in $out/manifest.csv"
