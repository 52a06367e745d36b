#!/usr/bin/env bash
# Builds and runs tests/consumer/main.cpp every way a consumer can take the library:
# find_package from an install tree (header-only, and the compiled library in a two-TU
# program), each opt-in part's target alone (CMake and pkg-config), add_subdirectory, meson
# subproject, pkg-config from the install tree, and the
# single header alone (header-only, and compiled once under SFMC_SMS_SOURCE). Usage: run.sh WORK_DIR
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:?usage: run.sh WORK_DIR}
rm -rf "$work" && mkdir -p "$work"
here="$src/tests/consumer"
quiet() { "$@" > "$work/last.log" 2>&1 || { cat "$work/last.log"; return 1; }; }

echo "== install, then find_package"
quiet cmake -S "$src" -B "$work/lib" -G Ninja -DSFMC_SMS_BUILD_TESTS=OFF -DSFMC_SMS_BUILD_COMMAND=OFF -DSFMC_SMS_INSTALL=ON \
    -DCMAKE_INSTALL_PREFIX="$work/prefix"
quiet cmake --build "$work/lib"
quiet cmake --install "$work/lib"
quiet cmake -S "$here/cmake_find_package" -B "$work/find_package" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix"
quiet cmake --build "$work/find_package"
"$work/find_package/consumer"

echo "== install, then find_package and link the compiled library (two translation units)"
quiet cmake -S "$here/cmake_separate_compilation" -B "$work/separate" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix"
quiet cmake --build "$work/separate"
"$work/separate/consumer"
"$work/separate/ens_consumer"
"$work/separate/ens_header_only_consumer"

echo "== install, then find_package: one program per opt-in part, each linking sfmc::<part> alone"
quiet cmake -S "$here/parts" -B "$work/parts" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix"
quiet cmake --build "$work/parts"
parts=(curl beast ens sqlite_store postgresql_store)
for part in "${parts[@]}"; do "$work/parts/$part"; done

echo "== pkg-config from the install tree: the same programs, each with sfmc_sms_<part> alone"
for part in "${parts[@]}"; do
    flags=$(PKG_CONFIG_PATH="$work/prefix/share/pkgconfig" pkg-config --cflags --libs "sfmc_sms_$part")
    quiet ${CXX:-c++} -std=c++20 "$here/parts/$part.cpp" $flags -o "$work/pkg_config_$part"
    "$work/pkg_config_$part"
done

echo "== add_subdirectory"
quiet cmake -S "$here/cmake_add_subdirectory" -B "$work/add_subdirectory" -G Ninja -DSFMC_SMS_SOURCE_DIR="$src"
quiet cmake --build "$work/add_subdirectory"
"$work/add_subdirectory/consumer"

echo "== meson subproject"
mkdir -p "$work/meson_src/subprojects"
cp "$here/meson_subproject/meson.build" "$work/meson_src/"
cp "$here/main.cpp" "$work/"
cp -r "$here/parts" "$work/"
ln -s "$src" "$work/meson_src/subprojects/sfmc_sms"
quiet meson setup "$work/meson_build" "$work/meson_src"
quiet meson compile -C "$work/meson_build"
"$work/meson_build/consumer"
for part in curl beast ens sqlite_store postgresql_store; do "$work/meson_build/$part"; done

echo "== pkg-config from the install tree"
flags=$(PKG_CONFIG_PATH="$work/prefix/share/pkgconfig" pkg-config --cflags --libs sfmc_sms)
quiet ${CXX:-c++} "$here/main.cpp" $flags -o "$work/pkg_config_consumer"
"$work/pkg_config_consumer"

echo "== single header only"
quiet ${CXX:-c++} -std=c++20 -Wall -Wextra -Wpedantic -Werror -I"$src/single_include" "$here/main.cpp" -lboost_json -lboost_url \
    -o "$work/single_header_consumer"
"$work/single_header_consumer"
# SFMC_SMS_SOURCE is what the single header offers instead of src.hpp; include/ honours it too.
for headers in single_include include; do
    echo "== $headers, separate compilation (three translation units, one with SFMC_SMS_SOURCE)"
    for unit in "$here/main.cpp" "$here/cmake_separate_compilation/other.cpp" "$here/single_header_separate/source.cpp"; do
        quiet ${CXX:-c++} -std=c++20 -Wall -Wextra -Wpedantic -Werror -DSFMC_SMS_SEPARATE_COMPILATION -I"$src/$headers" \
            -c "$unit" -o "$work/${headers}_$(basename "$unit" .cpp).o"
    done
    quiet ${CXX:-c++} "$work/${headers}"_{main,other,source}.o -lboost_json -lboost_url -o "$work/${headers}_source_consumer"
    "$work/${headers}_source_consumer"
done
# Without SFMC_SMS_SEPARATE_COMPILATION its definitions would be inline, never emitted for the
# other translation units: the header says so instead of leaving the linker to.
if ${CXX:-c++} -std=c++20 -I"$src/single_include" -c "$here/single_header_separate/source.cpp" -o /dev/null \
    2> "$work/last.log"; then
    echo "SFMC_SMS_SOURCE without SFMC_SMS_SEPARATE_COMPILATION compiled"; exit 1
fi
grep -q "SFMC_SMS_SOURCE is for separate compilation" "$work/last.log" || { cat "$work/last.log"; exit 1; }
echo "consumers: all passed"
