# bash completion for vanban                                  -*- shell-script -*-
#
# Installed as share/bash-completion/completions/vanban (bash-completion
# loads it on first use), or source it yourself:  . completion/vanban.bash
# It needs only bash; the helpers of the bash-completion package are not used.
#
# To add a command: name it in _vanban_commands, give its options a case in
# _vanban_options, and (if an option takes a value) a case in _vanban.

_vanban_commands="render check info batch preview serve --list-layouts --help --version"

# The options a command takes.
_vanban_options()
{
    local common="--layout --font --font-bold --font-italic --font-bold-italic --data-dir
        --max-input --max-pages --max-depth --max-nodes --max-image-pixels -v --verbose -h --help"
    case $1 in
        render) echo "-o --output -f --format --no-sign-field --compact --draft --draft= $common" ;;
        info) echo "--json -h --help" ;;
        check) echo "--schema $common" ;;
        batch) echo "-o --output -f --format --name --sheet -j --jobs --shard --skip-existing --progress --compact -q --quiet
            --layout --font --font-bold --font-italic --font-bold-italic --data-dir --max-input --max-pages
            -v --verbose -h --help" ;;
        preview) echo "-o --output --dpi -w --watch --draft --draft= $common" ;;
        serve) echo "-p --port --dpi --draft= --no-draft $common" ;;
        --list-layouts) echo "--data-dir" ;;
    esac
}

# The layout names, as the program finds them (its data directory, or the
# one --data-dir names on the line being completed).
_vanban_layouts()
{
    local prog=$1 dir=$2
    if [[ -n $dir ]]; then
        "$prog" --list-layouts --data-dir "$dir" 2>/dev/null
    else
        "$prog" --list-layouts 2>/dev/null
    fi
}

_vanban()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local prog=${COMP_WORDS[0]}
    COMPREPLY=()

    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W "$_vanban_commands" -- "$cur"))
        return
    fi
    local cmd=${COMP_WORDS[1]}

    # an --data-dir earlier on the line applies to --layout's names
    local i dir=
    for ((i = 2; i < COMP_CWORD; i++)); do
        [[ ${COMP_WORDS[i]} == --data-dir ]] && dir=${COMP_WORDS[i + 1]}
    done

    case $cmd:$prev in
        batch:-o | batch:--output)
            COMPREPLY=($(compgen -d -- "$cur"))
            return ;;
        batch:-f | batch:--format)
            COMPREPLY=($(compgen -W "pdf docx pdf,docx" -- "$cur"))
            return ;;
        batch:--name | batch:--sheet | batch:--shard | batch:-j | batch:--jobs)
            return ;; # a pattern, a sheet's name, K/N, a number
    esac
    case $prev in
        -o | --output)
            if [[ $cmd == preview ]]; then
                COMPREPLY=($(compgen -d -- "$cur")) # a folder for the pictures
                return
            fi
            COMPREPLY=($(compgen -f -X '!*.@(pdf|docx|json|PDF|DOCX|JSON)' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
        -f | --format)
            COMPREPLY=($(compgen -W "pdf docx json" -- "$cur"))
            return ;;
        --layout)
            # a name from the data directory, or a layout file
            COMPREPLY=($(compgen -W "$(_vanban_layouts "$prog" "$dir")" -- "$cur")
                       $(compgen -f -X '!*.xml' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
        --font | --font-bold | --font-italic | --font-bold-italic)
            COMPREPLY=($(compgen -f -X '!*.@(ttf|TTF)' -- "$cur") $(compgen -d -- "$cur"))
            return ;;
        --data-dir)
            COMPREPLY=($(compgen -d -- "$cur"))
            return ;;
        --max-input | --max-pages | --max-depth | --max-nodes | --max-image-pixels | --dpi | -p | --port)
            return ;; # a number
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_vanban_options "$cmd")" -- "$cur"))
        return
    fi
    case $cmd in
        serve)
            COMPREPLY=($(compgen -d -- "$cur")) ;; # the folder of drafts
        render | check | preview)
            # the input: an XML file (or a folder on the way to one)
            COMPREPLY=($(compgen -f -X '!*.@(xml|XML)' -- "$cur") $(compgen -d -- "$cur")) ;;
        info)
            COMPREPLY=($(compgen -f -X '!*.@(pdf|PDF)' -- "$cur") $(compgen -d -- "$cur")) ;;
        batch)
            # the template, then the data
            COMPREPLY=($(compgen -f -X '!*.@(xml|XML|csv|CSV|xlsx|XLSX)' -- "$cur") $(compgen -d -- "$cur")) ;;
    esac
}

# extglob for the -X patterns above
shopt -s extglob
complete -o filenames -o bashdefault -F _vanban vanban
