# The desktop shell's own text: native notifications.

notify-title = AI Spend: { $subject }
