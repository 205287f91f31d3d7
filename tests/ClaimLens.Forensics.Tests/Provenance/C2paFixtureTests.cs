using ClaimLens.Forensics.Imaging;
using ClaimLens.Forensics.Provenance;
using ClaimLens.Forensics.Report;
using Xunit.Abstractions;

namespace ClaimLens.Forensics.Tests.Provenance;

public sealed class C2paFixtureTests(ITestOutputHelper output)
{
    [Fact]
    public void Inspect_AllFixtures_PrintsWhatTheyContain()
    {
        if (TestData.Find("c2pa/C.jpg") is null) { output.WriteLine(TestData.MissingMessage); return; }
        foreach (var path in Directory.GetFiles(Path.Combine(TestData.SharedData!, "c2pa")).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            var report = C2paInspector.Inspect(bytes, ImageSniffer.Sniff(bytes).Format);
            output.WriteLine($"== {Path.GetFileName(path)} found={report.Found} binding={report.HardBindingValid}");
            foreach (var p in report.Problems) output.WriteLine("  problem: " + p);
            foreach (var f in report.Findings)
                output.WriteLine($"  {f.Code} {f.Severity} {f.Confidence}\n    {f.Summary.En}\n    {f.Summary.Zh}\n    {f.Details.ToJsonString()}");
        }
    }
}
