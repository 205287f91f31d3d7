namespace ClaimLens.Browser.Tests.Infrastructure;

/// <summary>The browser tests share one desk process and one browser; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DeskCollection : ICollectionFixture<DeskSite>
{
    public const string Name = "desk";
}
