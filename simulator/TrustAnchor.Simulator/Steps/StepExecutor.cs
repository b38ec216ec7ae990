using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TrustAnchor.Simulator.Premises;
using TrustAnchor.Simulator.Reporting;
using TrustAnchor.Simulator.Scenarios;

namespace TrustAnchor.Simulator.Steps;

/// <summary>
/// Runs one scenario step at one premises: hands the action to the steps that know it, times it, and turns what
/// happened into the step's result (passed when no expectation failed).
/// </summary>
public sealed class StepExecutor(
    InstallSteps install,
    CredentialSteps credentials,
    DeviceCredentialSteps deviceCredentials,
    SmkiSteps smki,
    ILogger<StepExecutor> logger)
{
    public async Task<StepResult> ExecuteAsync(SmartMeteringSystem premises, ScenarioStep step, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = step.Action switch
        {
            StepAction.PreNotify => install.PreNotify(premises),
            StepAction.InstallHub => await install.InstallHubAsync(premises, step, cancellationToken),
            StepAction.Whitelist => await install.WhitelistAsync(premises, step, cancellationToken),
            StepAction.JoinDevices => await install.JoinDevicesAsync(premises, step, cancellationToken),
            StepAction.Join => await install.JoinAsync(premises, step, cancellationToken),
            StepAction.Leave => await install.LeaveAsync(premises, step),
            StepAction.Commission => await install.CommissionAsync(premises, step, cancellationToken),
            StepAction.ReplaceCredentials => await credentials.ReplaceCredentialsAsync(premises, step, cancellationToken),
            StepAction.VerifyCredentials => await credentials.VerifyCredentialsAsync(premises, step, cancellationToken),
            StepAction.ReplayLast => await credentials.ReplayLastAsync(premises, step, cancellationToken),
            StepAction.AdvanceClock => AdvanceClock(premises, step),
            StepAction.ReissuePack => smki.ReissuePack(premises),
            StepAction.IssueDeviceCredentials => await deviceCredentials.IssueDeviceCredentialsAsync(premises, step, cancellationToken),
            StepAction.UpdateDeviceCertificate => await deviceCredentials.UpdateDeviceCertificateAsync(premises, step, cancellationToken),
            StepAction.ProvideDeviceCertificate => await deviceCredentials.ProvideDeviceCertificateAsync(premises, step, cancellationToken),
            StepAction.RevokeCertificate => smki.RevokeCertificate(premises, step),
            StepAction.ReissueCertificates => smki.ReissueCertificates(premises, step),
            _ => new StepOutcome($"action {step.Action} is not supported here", [$"a known action (got {step.Action})"]),
        };

        var result = new StepResult(outcome.Failures.Count == 0, Stopwatch.GetElapsedTime(started), outcome.Detail, outcome.Failures);
        if (result.Passed)
        {
            logger.LogDebug("{Premises} {Step}: {Detail} ({Ms:0.0} ms)", premises.Name, step.DisplayName, result.Detail, result.Duration.TotalMilliseconds);
        }
        else
        {
            logger.LogInformation("{Premises} {Step} failed: {Failures}", premises.Name, step.DisplayName, string.Join("; ", result.Failures));
        }

        return result;
    }

    /// <summary>Virtual time moves on for the whole premises (every device clock follows it).</summary>
    private static StepOutcome AdvanceClock(SmartMeteringSystem premises, ScenarioStep step)
    {
        ScenarioNames.TryParseDuration(step.By!, out var by);
        premises.World.Advance(by);
        return new StepOutcome($"virtual time now {premises.World.UtcNow:yyyy-MM-dd HH:mm} UTC");
    }
}
