namespace ClaimLens.Web.Claims.Bundle;

/// <summary>A scaled-down JPEG ready to embed, with the hashes of its original and of itself.</summary>
internal sealed record EmbeddedImage(byte[] Jpeg, int Width, int Height, string SourceSha256, string Sha256);
