#!/bin/sh
# embed.sh NAME FILE: print FILE as a C array NAME of its bytes and
# NAME_len, so that a scene file can be built into the program.
name=$1
file=$2
echo "/* Generated from $(basename "$file") by embed.sh; do not edit. */"
echo "#include <stddef.h>"
echo "const char ${name}[] = {"
od -An -v -tu1 "$file" | awk '{ for (i = 1; i <= NF; i++) printf "%s,", $i; printf "\n" }'
echo "0 };"
echo "const size_t ${name}_len = sizeof ${name} - 1;"
