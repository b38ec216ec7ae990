// Placeholder entry point; benchmarks register themselves here as they land.
Console.WriteLine("trustanchor-bench: no benchmarks yet");
return 0;
