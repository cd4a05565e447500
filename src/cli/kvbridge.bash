# SPDX-License-Identifier: MIT
# bash completion for kvbridge(1). The option lists follow `kvbridge <command> --help` (the
# cli-docs test checks them).

_kvbridge() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion -s || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi

    local commands="migrate inventory pools vault access"
    local connection="--batch-account --batch-account-name --batch-shared-key-env --ca-file --connect-to --timeout --json"
    local arm="--subscription --resource-group --vault-name --arm-endpoint --ca-file --connect-to --timeout"
    local create="--location --tenant --sku --no-rbac --retention-days --purge-protection"
    local scope="--principal --secret --certificate"
    local vault="--vault --disable-challenge-resource-verification --key-material --passwords --password-env
        --names --msi-client-id --msi-resource-id --polling-interval"
    local migrate="--dry-run --concurrency --write-budget --journal --report --verify --recover-deleted
        --clear-pool-references --delete-batch-certificates"

    if [ "$cword" -eq 1 ]; then
        mapfile -t COMPREPLY < <(compgen -W "$commands --help --version" -- "$cur")
        return
    fi
    if [ "$cword" -eq 2 ]; then
        case ${words[1]} in
            vault)
                mapfile -t COMPREPLY < <(compgen -W "create --help" -- "$cur")
                return
                ;;
            access)
                mapfile -t COMPREPLY < <(compgen -W "grant list revoke --help" -- "$cur")
                return
                ;;
        esac
    fi

    case $prev in
        --ca-file | --passwords | --names | --journal | --key-material)
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            compopt -o filenames 2>/dev/null
            return
            ;;
        --report)
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
            compopt -o filenames 2>/dev/null
            return
            ;;
        --batch-shared-key-env | --password-env)
            mapfile -t COMPREPLY < <(compgen -v -- "$cur")
            return
            ;;
        --verify)
            mapfile -t COMPREPLY < <(compgen -W "basic deep" -- "$cur")
            return
            ;;
        --sku)
            mapfile -t COMPREPLY < <(compgen -W "standard premium" -- "$cur")
            return
            ;;
        --principal-type)
            mapfile -t COMPREPLY < <(compgen -W "ServicePrincipal User Group" -- "$cur")
            return
            ;;
        --role)
            mapfile -t COMPREPLY < <(compgen -W "'Key Vault Secrets User' 'Key Vault Certificate User'
                'Key Vault Certificates Officer' 'Key Vault Administrator'" -- "$cur")
            return
            ;;
        --subscription | --resource-group | --vault-name | --arm-endpoint | --location | --tenant | \
            --retention-days | --principal | --secret | --certificate)
            return # a value of the user's
            ;;
        --batch-account | --batch-account-name | --vault | --connect-to | --msi-client-id | --msi-resource-id | \
            --polling-interval | --concurrency | --write-budget)
            return # a value of the user's
            ;;
    esac

    local options
    case ${words[1]} in
        migrate) options="$connection $vault $migrate --help" ;;
        pools) options="$connection $vault --help" ;;
        inventory) options="$connection --help" ;;
        vault) options="$arm $create --help" ;;
        access)
            case ${words[2]} in
                grant) options="$arm $scope --role --principal-type --help" ;;
                list) options="$arm $scope --help" ;;
                revoke) options="$arm $scope --role --help" ;;
                *) return ;;
            esac
            ;;
        --help | -h | help) options=$commands ;;
        *) return ;;
    esac
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
}

complete -F _kvbridge kvbridge
