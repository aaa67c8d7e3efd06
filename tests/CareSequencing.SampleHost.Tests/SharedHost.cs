namespace CareSequencing.SampleHost.Tests;

/// <summary>One running host for every test class: starting Kestrel and compiling the packs once keeps the suite fast.</summary>
[CollectionDefinition(Name)]
public sealed class SharedHost : ICollectionFixture<SampleHostFixture>
{
    public const string Name = "sample host";
}
