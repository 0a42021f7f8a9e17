# Cross-compiling for Linux arm64 with Debian's g++-aarch64-linux-gnu. Libraries and
# CMake packages come only from the sysroot that scripts/build-arm64.sh extracts from
# Debian's arm64 packages (FORGE_EGRESS_ARM64_SYSROOT) and from the cross glibc in
# /usr/aarch64-linux-gnu, never from the host's /usr.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
if(DEFINED ENV{FORGE_EGRESS_ARM64_SYSROOT})
  set(FORGE_EGRESS_ARM64_SYSROOT $ENV{FORGE_EGRESS_ARM64_SYSROOT})
else()
  set(FORGE_EGRESS_ARM64_SYSROOT ${CMAKE_CURRENT_LIST_DIR}/../build-arm64-sysroot)
endif()
set(CMAKE_FIND_ROOT_PATH ${FORGE_EGRESS_ARM64_SYSROOT} /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu)
