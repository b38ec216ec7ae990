using System.Reflection;
using TrustAnchor.Benchmarks;

// Every IBenchmark in this assembly is a verb; "all" runs them in order. One line of results each.
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length != 1 || (args[0] != "all" && benchmarks.All(b => b.Name != args[0])))
{
    Console.Error.WriteLine("usage: trustanchor-bench <all|" + string.Join('|', benchmarks.Select(b => b.Name)) + ">");
    return 2;
}

#if DEBUG
Console.Error.WriteLine("warning: Debug build; run with -c Release for meaningful figures");
#endif

foreach (var benchmark in benchmarks.Where(b => args[0] == "all" || b.Name == args[0]))
{
    benchmark.Run(Console.Out);
}

return Environment.ExitCode;
