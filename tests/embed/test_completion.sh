#!/bin/bash
# The bash completion (completion/vanban.bash): sourced into a plain bash,
# _vanban is run on command lines as bash would and COMPREPLY checked. The
# layout names come from the real program (--list-layouts).
#
# usage: test_completion.sh COMPLETION_FILE VANBAN SOURCE_DIR WORK_DIR
set -u
comp=$1 vanban=$2 src=$3 work=$4
passed=0 failed=0

# shellcheck source=/dev/null
. "$comp" || { echo "cannot source $comp"; echo "0 passed, 1 failed"; exit 1; }

# complete LINE: runs _vanban on LINE (the last word is the one completed;
# a trailing space starts a new, empty word) and prints COMPREPLY sorted.
complete_line()
{
    read -r -a COMP_WORDS <<<"$1"
    [[ $1 == *" " ]] && COMP_WORDS+=("")
    COMP_WORDS[0]=$vanban
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$1"
    COMP_POINT=${#COMP_LINE}
    _vanban
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}

expect()
{
    local line=$1 want=$2 got
    got=$(complete_line "$line")
    if [[ $got == "$want" ]]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: '$line': got [$got], want [$want]"
    fi
}

# contains LINE WORD: WORD is among the completions
contains()
{
    local line=$1 word=$2 got
    got=" $(complete_line "$line") "
    if [[ $got == *" $word "* ]]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: '$line': [$got] lacks $word"
    fi
}

rm -rf "$work" && mkdir -p "$work/files/sub" "$work/data/layouts" || exit 1
touch "$work/files/a.xml" "$work/files/b.pdf" "$work/files/c.docx" "$work/files/d.txt" "$work/files/e.ttf"
ln -s "$src/fonts" "$work/data/fonts" && ln -s "$src/schema" "$work/data/schema"
cp "$src/layouts/nd30.xml" "$work/data/layouts/"
sed 's/<layout name="nd30"/<layout name="rieng"/' "$src/layouts/nd30.xml" >"$work/data/layouts/rieng.xml"

# commands
expect "vanban " "--help --list-layouts --version batch check info preview render serve"
expect "vanban re" "render"
expect "vanban ch" "check"
expect "vanban ba" "batch"
contains "vanban batch a.xml --" "--skip-existing"
expect "vanban batch a.xml -f " "docx pdf pdf,docx"
expect "vanban batch a.xml --sh" "--shard --sheet"
expect "vanban --l" "--list-layouts"
expect "vanban pr" "preview"
expect "vanban se" "serve"
# options, by command
contains "vanban render a.xml --" "--output"
contains "vanban render a.xml --" "--max-image-pixels"
contains "vanban check a.xml --" "--layout"
expect "vanban check a.xml --out" ""
expect "vanban render a.xml --la" "--layout"
expect "vanban render a.xml --font-b" "--font-bold --font-bold-italic"
expect "vanban --list-layouts --" "--data-dir"
contains "vanban preview a.xml --" "--watch"
contains "vanban preview a.xml --" "--dpi"
contains "vanban serve d --" "--port"
contains "vanban render a.xml --" "--draft"
expect "vanban preview a.xml --dpi " ""
expect "vanban info a.pdf --" "--help --json"
contains "vanban render a.xml --" "--no-sign-field"
contains "vanban render a.xml --" "--compact"
contains "vanban batch a.xml --" "--compact"
# values
expect "vanban render a.xml -f " "docx json pdf"
expect "vanban render a.xml --format d" "docx"
expect "vanban render a.xml --max-pages " ""
# layout names from the program's own data directory
expect "vanban render a.xml --layout nd" "nd30 nd30-13"
# ... or from the --data-dir given earlier on the line
expect "vanban check --data-dir $work/data a.xml --layout r" "rieng"
# files: the input is XML, the output a PDF, DOCX or JSON, fonts .ttf
cd "$work/files" || exit 1
expect "vanban render " "a.xml sub"
expect "vanban render a.xml -o " "b.pdf c.docx sub"
expect "vanban render a.xml --font " "e.ttf sub"
expect "vanban render a.xml --data-dir " "sub"
# preview writes into a folder; serve serves one
expect "vanban preview a.xml -o " "sub"
expect "vanban serve " "sub"
# --layout takes a name or a layout file: both are offered
expect "vanban check --data-dir $work/data a.xml --layout " "a.xml nd30 rieng sub"

echo "$passed passed, $failed failed"
((failed == 0))
