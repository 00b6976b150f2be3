namespace LoanPlatform.Auth.Signing;

/// <summary>
/// Which key signs and which are published, from the keys' creation times alone, so a local folder and Key Vault
/// versions follow one rule. A new key is published at once but signs only after <see cref="ActivationDelay"/>, so
/// validators that cache the JWKS have fetched it before they meet its first token. A key retires when its successor
/// activates and stays published for <see cref="Overlap"/> (the token lifetime plus clock skew) after that.
/// </summary>
public sealed record SigningKeySchedule(TimeSpan ActivationDelay, TimeSpan Overlap)
{
    public sealed record Selection<T>(T Active, IReadOnlyList<T> Published, IReadOnlyList<T> Expired);

    /// <param name="keys">Every key, oldest first, with its creation time.</param>
    public Selection<T> Select<T>(IReadOnlyList<(T Key, DateTimeOffset Created)> keys, DateTimeOffset now)
    {
        if (keys.Count == 0)
        {
            throw new InvalidOperationException("There is no signing key.");
        }

        // The first key signs from creation: there is nothing older to sign with meanwhile.
        DateTimeOffset Activation(int i) => i == 0 ? keys[0].Created : keys[i].Created + ActivationDelay;

        var active = 0;
        for (var i = 1; i < keys.Count; i++)
        {
            if (Activation(i) <= now)
            {
                active = i;
            }
        }

        var published = new List<T>();
        var expired = new List<T>();
        for (var i = 0; i < keys.Count; i++)
        {
            var stillValid = i >= active || Activation(i + 1) + Overlap > now;
            (stillValid ? published : expired).Add(keys[i].Key);
        }

        return new Selection<T>(keys[active].Key, published, expired);
    }
}
