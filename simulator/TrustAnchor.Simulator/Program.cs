// Placeholder entry point; the hosted simulator replaces it (issue: simulator).
Console.WriteLine("trustanchor-sim: not yet built");
return 0;
