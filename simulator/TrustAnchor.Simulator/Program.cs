using TrustAnchor.Simulator.Cli;
using TrustAnchor.Simulator.Hosting;

// trustanchor-sim: run a scenario (install-commission by default in the README), list scenarios, or use the SMKI.
return await SimulatorCli.InvokeAsync(args, RunConsole.FromSystemConsole());
