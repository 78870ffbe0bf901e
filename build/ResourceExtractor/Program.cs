using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

// Usage: ResourceExtractor <assembly.dll> <resource name> <output file>
// Reads the resource through the metadata tables (PEReader) rather than loading the assembly:
// it targets another runtime version than the one running the build.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: ResourceExtractor <assembly.dll> <resource name> <output file>");
    return 2;
}

var (assemblyPath, resourceName, outputFile) = (args[0], args[1], args[2]);
using var pe = new PEReader(File.OpenRead(assemblyPath));
var metadata = pe.GetMetadataReader();
var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
var section = pe.GetSectionData(directory.RelativeVirtualAddress);
foreach (var handle in metadata.ManifestResources)
{
    var resource = metadata.GetManifestResource(handle);
    if (!metadata.StringComparer.Equals(resource.Name, resourceName))
    {
        continue;
    }

    // Each embedded resource is a little-endian length followed by its bytes (ECMA-335 II.24.2.4).
    var reader = section.GetReader(checked((int)resource.Offset), directory.Size - checked((int)resource.Offset));
    var bytes = reader.ReadBytes(reader.ReadInt32());
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
    File.WriteAllBytes(outputFile, bytes);
    return 0;
}

Console.Error.WriteLine($"{assemblyPath} has no manifest resource '{resourceName}'.");
return 1;
