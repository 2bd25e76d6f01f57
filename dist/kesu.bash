# bash completion for kesu: commands, subcommands and each command's options.
_kesu()
{
	local cur prev words cword cmd i opts
	_init_completion || return

	cmd=
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--db | --lang | --as) ((i++)) ;;
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done
	case $prev in
	--db | --form | --answers | --rake | -o | --output)
		_filedir
		return ;;
	--lang)
		COMPREPLY=($(compgen -W 'zh en' -- "$cur"))
		return ;;
	--format)
		case $cmd in
		export) COMPREPLY=($(compgen -W 'csv xlsx dta sav' -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W 'table csv json' -- "$cur")) ;;
		esac
		return ;;
	--status)
		COMPREPLY=($(compgen -W 'draft completed approved rejected
		    uploaded' -- "$cur"))
		return ;;
	--role)
		COMPREPLY=($(compgen -W 'interviewer supervisor' -- "$cur"))
		return ;;
	esac
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '--db --lang --as --pin-stdin
			    --version --help' -- "$cur"))
		else
			COMPREPLY=($(compgen -W 'interview form user list show
			    sync review approve reject report export help' \
			    -- "$cur"))
		fi
		return
	fi
	case $cmd in
	interview) opts='--form --as --pin-stdin --resume' ;;
	form) opts='--answers --lang --save --as --pin-stdin' ;;
	user) opts='--role --as --pin-stdin' ;;
	list) opts='--status --format --as --pin-stdin' ;;
	show) opts='--as --pin-stdin' ;;
	sync) opts='--server --dry-run --status --retry --as --pin-stdin' ;;
	review) opts='--summary --list --format --status --interviewer
	    --street --from --to --speeding-share --straight-run --dk-share
	    --dk-name --as --pin-stdin' ;;
	approve | reject) opts='--comment --as --pin-stdin' ;;
	report) opts='--outcome --by --strata --cluster --weight --rake
	    --status --format --as --pin-stdin' ;;
	export) opts='--format --output --form --lang --status --bom --as
	    --pin-stdin' ;;
	help)
		COMPREPLY=($(compgen -W 'interview form user list show sync
		    review approve reject report export' -- "$cur"))
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts --db --help" -- "$cur"))
	elif [[ $cmd == form && ${words[cword - 1]} == form ]]; then
		COMPREPLY=($(compgen -W 'check run' -- "$cur"))
	elif [[ $cmd == user && ${words[cword - 1]} == user ]]; then
		COMPREPLY=($(compgen -W 'add list passwd disable unlock' \
		    -- "$cur"))
	else
		_filedir
	fi
} &&
	complete -F _kesu kesu
