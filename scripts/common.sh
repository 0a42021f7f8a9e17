# Sourced by the build scripts: what they all need to install packages and use ccache.

# apt_install_missing TAG PACKAGE...: installs the packages that are not installed yet
# (as root, or through sudo); says which, prefixed by TAG. Nothing to do: no apt call.
apt_install_missing() {
  local tag=$1 p sudo=""
  shift
  local need=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
  done
  ((${#need[@]})) || return 0
  echo "$tag: installing ${need[*]}" >&2
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

# CMake arguments that compile through ccache when it is there.
ccache_launcher=()
if command -v ccache >/dev/null 2>&1; then
  ccache_launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
