using CareSequencing.SampleHost;

// Everything is in SampleHost.Build, so the integration tests start exactly this host on a loopback port.
await SampleHost.Build(args).RunAsync().ConfigureAwait(false);
