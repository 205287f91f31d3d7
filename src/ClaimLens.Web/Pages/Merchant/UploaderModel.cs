namespace ClaimLens.Web.Pages.Merchant;

/// <summary>Where the shared uploader sends files (an API endpoint), in which form field, and which element to refresh.</summary>
public sealed record UploaderModel(string Url, string Field, string RefreshSelector, string Accept, string Prompt, string InputId);
