#!/usr/bin/env bash
# Regenerates src/Rnn.Import/Onnx/Generated/Onnx.cs, the C# classes of the ONNX schema, with protoc from
# the Google.Protobuf.Tools NuGet package (the same version as the Google.Protobuf runtime that
# src/Rnn.Import references). The schema is Debian python3-onnx's onnx.proto (proto2, ONNX 1.12, IR 8).
#
#     bash tools/generate_onnx_protobuf.sh [PATH/TO/onnx.proto]
#
# The generated file is committed, so building needs neither protoc nor the schema.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
proto="${1:-/usr/lib/python3/dist-packages/onnx/onnx.proto}"
version=3.36.2
tools="${NUGET_PACKAGES:-$HOME/.nuget/packages}/google.protobuf.tools/$version/tools"
if [ ! -x "$tools/linux_x64/protoc" ]; then
    # Restore the tools package once through a throw-away project (nuget.config of the repository).
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    cat > "$scratch/restore.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Google.Protobuf.Tools" Version="$version" /></ItemGroup>
</Project>
XML
    cp "$root/nuget.config" "$scratch/"
    dotnet restore "$scratch/restore.csproj" >/dev/null
    chmod +x "$tools/linux_x64/protoc"
fi
out="$root/src/Rnn.Import/Onnx/Generated"
mkdir -p "$out"
work="$(mktemp -d)"
# Our namespace, so the schema's classes (ModelProto, NodeProto …) do not sit in a global "Onnx".
sed 's/^package onnx;/package onnx;\noption csharp_namespace = "Rnn.Import.Onnx.Protobuf";/' "$proto" > "$work/onnx.proto"
grep -q csharp_namespace "$work/onnx.proto"
"$tools/linux_x64/protoc" --proto_path="$work" --proto_path="$tools" \
    --csharp_out="$out" --csharp_opt=file_extension=.g.cs,internal_access "$work/onnx.proto"
rm -rf "$work"
echo "wrote $out/Onnx.g.cs"
