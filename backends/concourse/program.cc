#include "backends/concourse/program.h"

namespace slipway::backends::concourse {

namespace {

/// Everything before the operation loop.
const char* const kHead = R"SH(set -e
P='('
P=$P$P
nl='
'
a= cmd= path= id= dir= failed=
root=$PWD wd= dind= net= img= envs= mounts= services= svcenv= svcnames= w= dockercfg=
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
)SH";

/// The functions of the Docker-in-Docker operations, only in tasks that use them.
const char* const kDocker = R"SH(slipway_docker_start() {
  dind=1
  net=slipway-$$
  if ! docker version >/dev/null 2>&1; then
    mkdir -p /scratch/docker
    log=/tmp/slipway-dockerd.log
    if command -v dockerd-entrypoint.sh >/dev/null 2>&1; then
      DOCKER_TLS_CERTDIR= dockerd-entrypoint.sh dockerd --data-root /scratch/docker >"$log" 2>&1 &
    else
      dockerd --data-root /scratch/docker >"$log" 2>&1 &
    fi
    w=
    until docker version >/dev/null 2>&1; do
      if [ "${#w}" -ge 60 ]; then
        cat "$log" >&2
        slipway_fail "the Docker daemon did not start within 60s (the task must be privileged)"
      fi
      sleep 1
      w=$w.
    done
  fi
  trap slipway_docker_stop EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
  docker network create "$net" >/dev/null
  svcenv=$(mktemp -d)
}
slipway_docker_stop() {
  [ -z "$services" ] || docker rm -f $services >/dev/null 2>&1 || true
  docker network rm "$net" >/dev/null 2>&1 || true
  [ -z "$svcenv" ] || rm -rf "$svcenv"
  [ -z "$dockercfg" ] || rm -rf "$dockercfg"
}
slipway_service() {
  name=$net-$1
  (
    flags=
    for n in $svcnames; do
      v=$(cat "$svcenv/$n"; printf .)
      export "$n=${v%.}"
      flags="$flags -e $n"
    done
    eval "docker run -d --name \"\$name\" --network \"\$net\" --network-alias \"\$1\" $flags \"\$img\" $cmd" >/dev/null
  ) || slipway_fail "service $1 did not start"
  services="$services $name"
  for n in $svcnames; do rm -f "$svcenv/$n"; done
  svcnames= cmd= img=
}
slipway_tick() {
  if [ "${#w}" -ge 120 ]; then
    docker logs "$net-$1" >&2 || true
    slipway_fail "service $1 is not ready after 120s"
  fi
  sleep 1
  w=$w.
}
slipway_port_open() {
  if command -v bash >/dev/null 2>&1; then
    bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2"
  else
    nc -z -w 2 "$1" "$2"
  fi >/dev/null 2>&1
}
slipway_ready_port() {
  w=
  until ip=$(docker container inspect "$net-$1" | sed -n 's/.*"IPAddress": *"\([0-9][0-9.]*\)".*/\1/p' | head -n 1) &&
      [ -n "$ip" ] && slipway_port_open "$ip" "$2"; do
    slipway_tick "$1"
  done
}
slipway_ready_command() {
  w=
  until eval "docker exec \"\$net-\$1\" $cmd" >/dev/null 2>&1; do slipway_tick "$1"; done
  cmd=
}
slipway_docker_run() {
  eval "set -- $cmd"
  entry=$1
  shift
  flags=
  for n in $envs; do flags="$flags -e $n"; done
  eval "docker run --rm --network \"\$net\" -v \"\$root:\$root\" $mounts -w \"\${wd:-\$root}\" $flags --entrypoint \"\$entry\" \"\$img\" \"\$@\""
}
)SH";

const char* const kLoop = R"SH(while [ "$#" -gt 0 ]; do
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
    O) dir=$PWD/$1; mkdir -p "$dir"; SLIPWAY_OUTPUTS=$dir/outputs; export SLIPWAY_OUTPUTS; envs="$envs SLIPWAY_OUTPUTS"; : > "$SLIPWAY_OUTPUTS"; shift ;;
    D) slipway_docker_start ;;
    i) img=$a; a= ;;
    k) (umask 077 && printf '%s' "$a" > "$svcenv/$1"); svcnames="$svcnames $1"; a=; shift ;;
    S) slipway_service "$1"; shift ;;
    R) slipway_ready_port "$1" "$2"; shift 2 ;;
    Q) slipway_ready_command "$1"; shift ;;
    E) envs="$envs $1"; shift ;;
    K)
      dockercfg=$(mktemp -d)
      eval "v=\${$1-}"
      (umask 077 && printf '%s' "$v" > "$dockercfg/config.json")
      DOCKER_CONFIG=$dockercfg
      export DOCKER_CONFIG
      unset "$1" v
      shift ;;
    t) a=$a$1; shift ;;
    p) a=$a$P ;;
    v) eval "a=\$a\${$1-}"; shift ;;
    e) export "$1=$a"; envs="$envs $1"; a=; shift ;;
    f) path=$a; a= ;;
    w|W)
      case $path in */*) mkdir -p "${path%/*}" ;; esac
      if [ "$op" = W ]; then (umask 077 && printf '%s' "$a" > "$path"); else printf '%s' "$a" > "$path"; fi
      case $path in /*) slipway_quote "$path"; mounts="$mounts -v '$r:$r'" ;; esac
      a= ;;
    u) unset "$1"; shift ;;
    d)
      case $a in
        /*) if [ -n "$dind" ]; then wd=$a; else cd "$a"; fi ;;
        *) cd "$a"; wd=$PWD ;;
      esac
      a= ;;
    c) slipway_quote "$a"; cmd="$cmd '$r'"; a= ;;
    r)
      set +e
      if [ -n "$dind" ]; then slipway_docker_run; else eval "$cmd"; fi
      status=$?
      set -e
      [ "$status" -eq 0 ] || failed=$status ;;
    x) slipway_save "$1" "$2"; shift 2 ;;
    *) slipway_fail "unknown operation $op" ;;
  esac
done
exit "${failed:-0}"
)SH";

}  // namespace

const std::string& task_program(bool docker_in_docker) {
  static const std::string plain = std::string(kHead) + kLoop;
  static const std::string docker = std::string(kHead) + kDocker + kLoop;
  return docker_in_docker ? docker : plain;
}

}  // namespace slipway::backends::concourse
