using CareSequencing.SampleHost;
using CareSequencing.SampleHost.Security;

// Everything is in SampleHost.Build, so the integration tests start exactly this host on a loopback port.
try
{
    await SampleHost.Build(args).RunAsync().ConfigureAwait(false);
    return 0;
}
catch (StartupRefusedException)
{
    // Already logged as critical with the reason and the fix; a clean exit code, not a crash dump.
    return 1;
}
