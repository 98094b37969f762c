#include "backends/concourse/program.h"

namespace slipway::backends::concourse {

const std::string& task_program() {
  static const std::string text = R"SH(set -e
P='('
P=$P$P
nl='
'
a= cmd= path= id= dir= failed=
slipway_quote() {
  r= s=$1
  while :; do
    case $s in
      *\'*) r="$r${s%%\'*}'\\''"; s=${s#*\'} ;;
      *) r=$r$s; break ;;
    esac
  done
}
slipway_fail() {
  echo "slipway: step $id: $1" >&2
  exit 1
}
slipway_read() {
  v= found= delim=
  while IFS= read -r l || [ -n "$l" ]; do
    if [ -n "$delim" ]; then
      if [ "$l" = "$delim" ]; then delim= found=1 v=$doc
      elif [ -n "$first" ]; then doc=$l first=
      else doc=$doc$nl$l
      fi
      continue
    fi
    case $l in
      "$1<<"*) delim=${l#*<<} doc= first=1 ;;
      "$1="*) v=${l#*=} found=1 ;;
    esac
  done < "$SLIPWAY_OUTPUTS"
}
slipway_save() {
  slipway_read "$1"
  if [ -z "$found" ]; then
    [ -n "$failed" ] && return 0
    slipway_fail "output \`$1\` ($2) was not written to \$SLIPWAY_OUTPUTS"
  fi
  ok=1
  case $2 in
    int) case ${v#[-+]} in ''|*[!0-9]*) ok= ;; esac ;;
    bool) case $v in true|false) ;; *) ok= ;; esac ;;
    duration) case $v in [0-9]*[dhms]) case $v in *[!0-9dhms]*) ok= ;; esac ;; *) ok= ;; esac ;;
  esac
  if [ -z "$ok" ]; then
    [ -n "$failed" ] && return 0
    slipway_fail "output \`$1\` must be of type $2, found \"$v\""
  fi
  printf '%s' "$v" > "$dir/$1"
}
while [ "$#" -gt 0 ]; do
  op=$1
  shift
  case $op in
    n) id=$1; shift ;;
    g)
      read -r SLIPWAY_GIT_SHA < source/.git/HEAD || true
      case $SLIPWAY_GIT_SHA in ''|*[!0-9a-f]*) slipway_fail "source/.git/HEAD does not hold a commit sha" ;; esac
      SLIPWAY_GIT_SHORT_SHA=${SLIPWAY_GIT_SHA%"${SLIPWAY_GIT_SHA#???????}"} ;;
    T) read -r SLIPWAY_GIT_TAG < source/.git/ref || true ;;
    F) if [ -f "$2" ]; then v=$(cat "$2"; printf .); eval "$1=\${v%.}"; fi; shift 2 ;;
    O) dir=$PWD/$1; SLIPWAY_OUTPUTS=$dir/outputs; export SLIPWAY_OUTPUTS; : > "$SLIPWAY_OUTPUTS"; shift ;;
    t) a=$a$1; shift ;;
    p) a=$a$P ;;
    v) eval "a=\$a\${$1-}"; shift ;;
    e) export "$1=$a"; a=; shift ;;
    f) path=$a; a= ;;
    w|W)
      case $path in */*) mkdir -p "${path%/*}" ;; esac
      if [ "$op" = W ]; then (umask 077 && printf '%s' "$a" > "$path"); else printf '%s' "$a" > "$path"; fi
      a= ;;
    u) unset "$1"; shift ;;
    d) cd "$a"; a= ;;
    c) slipway_quote "$a"; cmd="$cmd '$r'"; a= ;;
    r) set +e; eval "$cmd"; status=$?; set -e; [ "$status" -eq 0 ] || failed=$status ;;
    x) slipway_save "$1" "$2"; shift 2 ;;
    *) slipway_fail "unknown operation $op" ;;
  esac
done
exit "${failed:-0}"
)SH";
  return text;
}

}  // namespace slipway::backends::concourse
